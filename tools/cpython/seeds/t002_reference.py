# Tutorial 002 (../shared/seeds/002_fb019f8a3465f590.txt): "memoryview()" reference page.
# Where its comments claim an output CPython does not print, CPython wins: print(view[:5]) prints the view's repr
# <memory at 0x...>, not b'Hello'; memoryview("string") and cast('Q') fail with CPython's own messages.
import array
import struct

print('--- Basic usage')
# Create a memory view from bytes
data = b'Hello, World!'
view = memoryview(data)

print(view[:5])        # b'Hello'
print(view[7:])         # b'World!'
print(list(view))       # [72, 101, 108, 108, 111, 32, 87, 111, 114, 108, 100, 33]

print('--- Modifying data with bytearray')
# Create a memory view from bytearray (mutable)
data = bytearray(b'Hello')
view = memoryview(data)

# Modify in-place (only works with mutable objects)
view[0] = 74  # 'J' (ASCII 74)

print(data)   # bytearray(b'Jello')
print(view[:]) # memoryview(b'Jello')

print('--- Working with large data efficiently')
# Efficient slice operations without copying
large_data = b'x' * 1000000
view = memoryview(large_data)

# This doesn't copy - it's a view into the same memory
slice_view = view[100:200]

print(len(slice_view))  # 100

print('--- Using C-style format strings')
data = struct.pack('iif', 42, 100, 3.14)
view = memoryview(data)

# Read as integers and float
int_view = view.cast('i')  # 4-byte unsigned integers
float_view = view.cast('f')  # 4-byte floats

print(int_view[0])   # 42
print(int_view[1])   # 100
print(float_view[2]) # 3.140000104904175

print('--- Zero-copy slicing')
data = b'0123456789'
view = memoryview(data)

# All these are zero-copy views
first_half = view[:5]    # b'01234'
second_half = view[5:]   # b'56789'
step_view = view[::2]    # b'02468' (every other byte)
# (added: print the bytes the comments name)
print(bytes(first_half), bytes(second_half), bytes(step_view))

print('--- Comparing memory views')
a = b'Hello'
b = b'Hello'

print(memoryview(a) == memoryview(b))  # True
print(bytes(memoryview(a)) == b)       # True

print('--- Working with numpy arrays')
# CPython 3.13 here has no NumPy: the same buffer (five unsigned bytes) comes from array.array('B').
arr = array.array('B', [1, 2, 3, 4, 5])
view = memoryview(arr)

print(view[:3])  # b'\x01\x02\x03'

print('--- Errors')
try:
    memoryview("string")  # TypeError: cannot use a string as source for memoryview
except TypeError as e:
    print('TypeError:', e)

data = b'readonly'
view = memoryview(data)
try:
    view[0] = 65  # TypeError: cannot modify read-only memory
except TypeError as e:
    print('TypeError:', e)

view = memoryview(b'abc')
try:
    view.cast('Q')  # ValueError: memoryview: cannot cast from bytes to unsigned long long
except TypeError as e:
    print('TypeError:', e)
