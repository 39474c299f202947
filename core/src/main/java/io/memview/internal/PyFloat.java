package io.memview.internal;

import java.math.BigDecimal;

/** Python's {@code repr(float)}: the shortest digits that round-trip, in Python's layout. */
public final class PyFloat {
    private PyFloat() {}

    /** {@return {@code repr(x)} as CPython writes it: {@code 1.0}, {@code 1e+16}, {@code 1.5e-05}, {@code nan}} */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0) ? "-0.0" : "0.0";
        }
        // Java's Double.toString gives the shortest round-tripping digits (JDK 19+); take them apart.
        String s = Double.toString(Math.abs(x));
        String mantissa = s;
        int exp = 0;
        int e = s.indexOf('E');
        if (e >= 0) {
            mantissa = s.substring(0, e);
            exp = Integer.parseInt(s.substring(e + 1));
        }
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int pointPos = dot + exp; // digits[0 .. pointPos) are before the decimal point
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        pointPos -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        if (digits.length() == 2) {
            // When one digit round-trips, Java may still print two (the closest of the one- and two-digit decimals,
            // 4.9E-324); Python prints the shortest: the one-digit decimal that round-trips, the closer if both do.
            BigDecimal exact = new BigDecimal(Math.abs(x));
            BigDecimal best = null;
            int bestDigit = 0;
            for (int c = digits.charAt(0) - '0'; c <= digits.charAt(0) - '0' + 1; c++) {
                if (Double.parseDouble(c + "E" + (pointPos - 1)) == Math.abs(x)) {
                    BigDecimal dist = BigDecimal.valueOf(c).scaleByPowerOfTen(pointPos - 1).subtract(exact).abs();
                    if (best == null || dist.compareTo(best) < 0) {
                        best = dist;
                        bestDigit = c;
                    }
                }
            }
            if (best != null) {
                digits = bestDigit == 10 ? "1" : String.valueOf(bestDigit);
                pointPos += bestDigit == 10 ? 1 : 0;
            }
        }
        int decExp = pointPos - 1; // exponent in scientific notation
        StringBuilder sb = new StringBuilder(x < 0 ? "-" : "");
        if (decExp < -4 || decExp >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(decExp < 0 ? '-' : '+');
            int a = Math.abs(decExp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (pointPos <= 0) {
            sb.append("0.").append("0".repeat(-pointPos)).append(digits);
        } else if (pointPos >= digits.length()) {
            sb.append(digits).append("0".repeat(pointPos - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        return sb.toString();
    }
}
