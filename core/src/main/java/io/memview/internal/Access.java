package io.memview.internal;

/**
 * Privileged access from the internal packages to state of public classes that their API does not expose (the
 * JDK's "shared secrets" pattern): the public class registers an accessor from its static initialiser.
 */
public final class Access {
    private Access() {}

    /** What the engine may do with a {@code Bytes} that its users may not. */
    public interface BytesAccess {
        /** The array behind {@code b}: read it, never write it. */
        byte[] array(io.memview.Bytes b);

        /** A {@code Bytes} that takes ownership of {@code a}: nothing may write to {@code a} afterwards. */
        io.memview.Bytes wrap(byte[] a);
    }

    private static volatile BytesAccess bytes;

    /** Called once, by {@code Bytes}. */
    public static void setBytes(BytesAccess access) {
        bytes = access;
    }

    /** {@return the accessor of {@code Bytes}} */
    public static BytesAccess bytes() {
        BytesAccess a = bytes;
        if (a == null) {
            initialize("io.memview.Bytes");
            a = bytes;
        }
        return a;
    }

    private static void initialize(String className) {
        try {
            Class.forName(className, true, Access.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
