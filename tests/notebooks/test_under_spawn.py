"""Every notebook that starts processes, validated strictly under spawn (see
start_method_matrix)."""

from tests.notebooks.start_method_matrix import notebook_test

test_process_notebook_under_spawn = notebook_test("spawn")
