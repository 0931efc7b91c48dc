"""Markets box: instruments, quotes, their import and the public endpoint."""
