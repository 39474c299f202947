# Tutorial 003 (../shared/seeds/003_6650b82905828001.txt): "Efficient Python Data Handling with MemoryView".
# Typos in the seed are fixed (memoryview*(arr) -> memoryview(arr), the garbled BufferedObject lines restored as
# self.data = bytearray(data) / memoryview(self.data) / self.data.extend(b)). Where the tutorial's code fails in
# CPython, CPython's error is printed (CPython wins): view[0: 3] = b"Bara" assigns 4 bytes to a 3-byte slice, and
# BufferedObject("capybara") passes a str to bytearray().
import inspect

print('--- Using Memoryview with Bytearrays')
arr = bytearray(b"capybara")
view = memoryview(arr)

capy = view[0:3]
bara = view[4:-1]
print(bytes(capy), bytes(bara))  # (added)

try:
    view[0: 3] = b"Bara"
except ValueError as e:
    print('ValueError:', e)

reshaped = view.cast('c', (4, 2))
reshaped[(0, 0)] = b'c'
reshaped[(0, 1)] = b'a'
reshaped[(1, 0)] = b'p'
reshaped[(1, 1)] = b'y'

for y in range(4):
   for x in range(2):
     print(reshaped[(y, x)].decode(), end='')
print()

print('--- Buffer objects')


class BufferedObject:
    def __init__(self, data: bytes):
        self.data = bytearray(data)
        self.view = None

    def __buffer__(self, flags: inspect.BufferFlags) -> memoryview:
        if flags != inspect.BufferFlags.FULL_RO:
            raise TypeError("Only BufferFlags.FULL_RO supported")
        if self.view is not None:
            raise RuntimeError("Buffer already held")
        self.view = memoryview(self.data)
        return self.view

    def __release_buffer__(self, view: memoryview):
        self.view = None

    def extend(self, b: bytes) -> None:
        if self.view is not None:
            raise RuntimeError("Cannot extend held buffer")
        self.data.extend(b)


try:
    buffer = BufferedObject("capybara")
except TypeError as e:
    print('TypeError:', e)

# (added: the class at work)
obj = BufferedObject(b"capybara")
with memoryview(obj) as m:
    print(m.tolist()[:4], m.readonly)
    try:
        memoryview(obj)
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        obj.extend(b"!")
    except RuntimeError as e:
        print('RuntimeError:', e)
print(obj.view)
try:
    obj.extend(b"!")
    print(obj.data)
except BufferError as e:
    print('BufferError:', e)
