"""pytest fixtures for the kernel tests; the helpers live in axone_kernel.py."""
import pytest

from axone_kernel import start_kernel, stop_kernel


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_kernel()
    try:
        yield km, kc
    finally:
        stop_kernel(km, kc)
