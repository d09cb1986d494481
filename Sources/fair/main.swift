import FairCore
print("fair: skeleton")
