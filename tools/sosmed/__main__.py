"""Allow ``python -m sosmed``."""

from sosmed.cli import main

if __name__ == "__main__":
    main()
