"""Command line: ``python -m lessons setup-check`` and ``python -m lessons exercises``."""

import argparse
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m lessons",
                                     description="Tools for the Python concurrency course.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup-check", help="check that this machine can run the course")
    commands.add_parser("exercises", help="list the exercise ids, lesson by lesson")
    args = parser.parse_args(argv)

    if args.command == "setup-check":
        from lessons.course.setup_check import report

        text, ready = report()
        print(text)
        return 0 if ready else 1
    from lessons.course.registry import exercises

    table = exercises().values()
    lesson_width = max(len(exercise.lesson) for exercise in table)
    id_width = max(len(exercise.id) for exercise in table)
    for exercise in table:
        print(f"{exercise.lesson:<{lesson_width}}  {exercise.id:<{id_width}}  {exercise.title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
