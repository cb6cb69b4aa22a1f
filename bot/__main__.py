"""`python -m bot` is the same as the `popsbot` command."""

from bot.cli import main

if __name__ == "__main__":
    main()
