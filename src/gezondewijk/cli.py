"""The `gezondewijk` console command: Django's management commands with friendly names."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    args[0] = "gezondewijk"
    # Friendly spellings: `gezondewijk import-cbs` runs the `import_cbs` command.
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
        if args[1] == "serve":
            args[1] = "runserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondewijk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
