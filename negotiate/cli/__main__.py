"""``python -m negotiate.cli``: the same as the ``negotiate`` command."""

from negotiate.cli import main

if __name__ == "__main__":
    main()
