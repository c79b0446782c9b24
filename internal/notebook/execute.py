# Executes one notebook with nbclient and writes it, outputs included, even
# when a cell fails (execution stops at the first failing cell).
# Usage: python3 execute.py IN.ipynb OUT.ipynb TIMEOUT_SECONDS
# Exit status: 0 ok, 1 a cell failed or timed out, 2 the kernel could not run.
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

src, dst, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name="gonb",
                        resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}})
status = 0
try:
    client.execute()
except CellExecutionError:
    status = 1
except CellTimeoutError as e:
    print(f"TIMEOUT: {e}", file=sys.stderr)
    status = 1
except DeadKernelError as e:
    print(f"KERNEL DIED: {e}", file=sys.stderr)
    status = 2
nbformat.write(nb, dst)
sys.exit(status)
