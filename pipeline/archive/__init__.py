"""What is issued: the register (an interface, SQLite behind it), the Lưu VT folder of issued files with its
verification, and the printed Sổ đăng ký văn bản đi."""
