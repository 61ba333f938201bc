"""`python -m bilateral_db` is the same program as the `bilateral-db` console script."""

from bilateral_db.cli import main

main()
