"""Programs run in a fresh interpreter: their errors, without paths and version wording."""

from lessons.processes.scripts import errors_in, main_name_demo


def test_errors_are_shown_without_paths_and_the_same_on_every_version():
    stderr_311 = ("Traceback (most recent call last):\n  File \"/x/spawn.py\", line 1\n"
                  "AttributeError: Can't get attribute 'f' on <module '__main__' (built-in)>\n")
    stderr_313 = stderr_311.replace("(built-in)",
                                    "(<class '_frozen_importlib.BuiltinImporter'>)")
    assert errors_in(stderr_311) == errors_in(stderr_313) == [
        "AttributeError: Can't get attribute 'f' on <module '__main__' (built-in)>"]


def test_a_warning_keeps_its_message_not_its_path_nor_the_names_313_lists():
    stderr = ("/usr/lib/python3.13/multiprocessing/resource_tracker.py:276: UserWarning: "
              "resource_tracker: leaked 1 at shutdown: {'/psm_1234'}\n  warnings.warn(\n")
    assert errors_in(stderr) == ["UserWarning: resource_tracker: leaked 1 at shutdown"]


def test_a_message_starting_on_the_next_line_is_joined():
    stderr = "RuntimeError: \n        An attempt has been made\n        to start.\n\n        more\n"
    assert errors_in(stderr) == ["RuntimeError: An attempt has been made to start."]


def test_a_child_of_a_script_is_mp_main_except_under_fork():
    lines = main_name_demo()
    assert [line.split("child __name__ = ")[1] for line in lines] == [
        "'__main__'", "'__mp_main__'", "'__mp_main__'"]
