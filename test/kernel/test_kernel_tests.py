"""jupyter_kernel_test's protocol checks, with a TypeScript sample for every test it offers."""
import unittest

import jupyter_kernel_test

import axone_kernel


class AxoneKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "axone"

    @classmethod
    def setUpClass(cls):
        axone_kernel.ensure_kernelspec()
        super().setUpClass()

    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": 'const greeting: string = "hi"; greeting.toUpper', "matches": {"toUpperCase"}},
        {"text": "Math.ma", "matches": {"max"}},
    ]

    complete_code_samples = [
        "1 + 1",
        "const answer = 42;",
        "function twice(x: number) { return 2 * x; }",
        "const point = { x: 1, y: `at ${1 + 1}` };",
        "for (const i of [1, 2]) console.log(i);",
    ]
    incomplete_code_samples = ["function twice(x: number) {", "const point = {", "if (true) {\n  console.log(1);", "[1, 2,"]
    invalid_code_samples = ["const = 5;", "1 +* 2", "}"]

    code_page_something = "Math.max?"
    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'con' + 'cat'", "result": "'concat'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>bold</b>"))', "mime": "text/html"},
        {"code": 'display(markdown("# Title"))', "mime": "text/markdown"},
    ]

    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"
    code_clear_output = 'console.log("soon gone"); clearOutput()'


if __name__ == "__main__":
    unittest.main()
