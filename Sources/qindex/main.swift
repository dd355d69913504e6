print("qindex")
