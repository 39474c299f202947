# Tutorial 004 (../shared/seeds/004_0d172c7832cf5b2e.txt): memoryview reference (syntblaze).
# Its snippets print little; prints marked "(added)" show what the prose says.
import array

print('--- Zero-Copy Slicing')
data = b'abcdefgh'
view = memoryview(data)


# Creates a new view of the same memory; no data is copied
slice_view = view[2:6]
print(bytes(slice_view))  # (added)

print('--- Mutability')
mutable_data = bytearray(b'hello')
view = memoryview(mutable_data)


# Modifies the underlying bytearray directly
view[0] = 74  # ASCII for 'J'
print(mutable_data)  # Output: bytearray(b'Jello')

print('--- Key Attributes')  # (added)
print(view.obj, view.nbytes, view.readonly, view.format, view.itemsize, view.shape, view.strides)

print('--- Casting Memory Layouts')
# Array of 16-bit signed integers ('h')
arr = array.array('h', [1000, 2000, 3000])
view = memoryview(arr)


# Cast the 16-bit integer view to an 8-bit unsigned byte view ('B')
byte_view = view.cast('B')
print(byte_view.tolist(), byte_view.nbytes, view.format, byte_view.format)  # (added)

print('--- Buffer Management')
view = memoryview(b'data')
view.release()


# Accessing view after release() raises a ValueError
try:
    view[0]
except ValueError as e:
    print('ValueError:', e)  # (added)

with memoryview(b'data') as view:
    length = len(view)

# Buffer is automatically released when the block exits
print(length, view)  # (added)
