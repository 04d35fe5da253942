"""One module per page; urls.py names them."""
