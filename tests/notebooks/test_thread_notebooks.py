"""Every notebook that starts no processes, validated strictly by nbval and checked for threads
or processes left running, once, under the kernel's default: one run a lesson, both folders
(see start_method_matrix; the notebooks that start processes are in test_under_<method>.py)."""

from tests.notebooks.start_method_matrix import notebook_test

test_notebook_strict_and_leaving_nothing_running = notebook_test(None)
