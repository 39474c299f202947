# Tutorial 001 (../shared/seeds/001_53c1b66753fb1d6b.txt): "The memoryview () function in Python".
# The seed prints "81 b'QU' [81, 85, 65, ...]" and "after: bytearray(b'TIPSMAKE')"; CPython prints what follows
# (CPython wins).

print('--- Example 1: How does memoryview () function work in Python?')
# random bytearray
random_byte_array = bytearray('TIPSMAKE', 'utf-8')
mv = memoryview(random_byte_array)
# Access index at position 0 of memory view
print(mv[0])
# Create byte from memory view
print(bytes(mv[0:2]))
# create list memory view
print(list(mv[0:3]))

print('--- Example 2: Editing data with memoryview ()')
# random bytearray
random_byte_array = bytearray('QTIPSMAKE', 'utf-8')
print('before fixing:', random_byte_array)
mv = memoryview(random_byte_array)
# Update the index of the number 1 position of mv into U
mv[1] = 85
print('after fixing:', random_byte_array)
