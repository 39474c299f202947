# Tutorial 000 (../shared/seeds/000_1df5b7dd3a04f82c.txt): "Python memoryview()".
# The seed lost the print lines of Example 1; they are restored from its comments and prose ("we accessed the mv's
# 0th index ... printed it", "converted them into bytes", "converted it to a list").

print('--- Example 1: How memoryview() works in Python?')
# random bytearray
random_byte_array = bytearray('ABC', 'utf-8')

mv = memoryview(random_byte_array)

# access memory view's zeroth index
print(mv[0])

# create byte from memory view
print(bytes(mv[0:2]))

# create list from memory view
print(list(mv[0:3]))

print('--- Example 2: Modify internal data using memory view')
# random bytearray
random_byte_array = bytearray('ABC', 'utf-8')
print('Before updation:', random_byte_array)

mv = memoryview(random_byte_array)

# update 1st index of mv to Z
mv[1] = 90
print('After updation:', random_byte_array)
