# Runs a notebook in place, as `jupyter nbconvert --to notebook --execute --inplace --allow-errors` does, with
# nbclient (the library nbconvert itself executes with) and without nbconvert's exporters: a Python start of a
# quarter second instead of one and a half; and a kernel that starts without the debugger.
# Arguments: the notebook's file name, the time limit per cell (s).
import sys

# Started with -c, Python looks for modules in the notebook's folder first: a repository's own nbformat.py or
# nbclient.py would stand in for the runner's. The kernel the notebook runs in still sees that folder, as always.
if sys.path and sys.path[0] in ("", "."):
    del sys.path[0]

# Where no "python3" kernel is installed, jupyter_client imports ipykernel to find its own, and ipykernel's debugger
# support imports debugpy: a third of this process's start, for a debugger nobody attaches. This process runs no code
# of the notebook's.
sys.modules["debugpy"] = None

import os  # noqa: E402
import re  # noqa: E402

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from jupyter_client.provisioning import KernelProvisionerFactory  # noqa: E402
from jupyter_core.paths import jupyter_path  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

# The kernel as `python -m ipykernel_launcher` starts it, except that ipykernel loads without the debugger (debugpy)
# and the completer's engine (jedi): about 0.4 s less CPU per notebook, and no debugger warnings in its log. Both
# stay importable for the notebook's code. The installed launcher itself then runs as -m would run it (runpy), with
# the notebook's folder first on sys.path as -m puts it there, so that the launcher's own handling of that folder
# holds (ipykernel >= 6.29 takes it out while the kernel loads, and IPython puts it back later). The folder is out
# of the way while this script loads ipykernel too: a repository's logging.py must not stand in for the real one.
# Asked to shut down, the kernel flushes its output from its control thread while its main thread stops the thread
# that would do the flushing: about one shutdown in three then sat in ipykernel's 10 s flush timeout until
# jupyter_client's SIGTERM, 2.5 s after its request (the same under nbconvert; posit-dev/positron#7142). Once asked to
# shut down, a flush waits half a second at most, and the kernel ends by itself. The wrapper returns what ipykernel's
# own handler returns (a coroutine in 6 and 7, a tornado future in 5), which its dispatcher awaits as before.
LEAN_KERNEL = """import os, sys
folder = os.getcwd()
if sys.path and sys.path[0] == "":
    del sys.path[0]
sys.modules["debugpy"] = sys.modules["jedi"] = None
import logging, runpy
import ipykernel.kernelapp, ipykernel.kernelbase
del sys.modules["debugpy"], sys.modules["jedi"]
def short_flushes(shutdown_request):
    def shutting_down(self, *args, **kwargs):
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "flush_timeout"):
                stream.flush_timeout = 0.5
        return shutdown_request(self, *args, **kwargs)
    return shutting_down
Kernel = ipykernel.kernelbase.Kernel
if hasattr(Kernel, "shutdown_request"):
    Kernel.shutdown_request = short_flushes(Kernel.shutdown_request)
logging.getLogger("IPKernelApp").addFilter(lambda record: "debugpy_stream" not in record.getMessage())
sys.path.insert(0, folder)
runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
"""


class LeanKernelSpecManager(KernelSpecManager):
    """jupyter_client's kernel lookup without importing IPython to name IPython's folder (a third of this process's
    start; the kernel imports IPython in its own process). The folders are jupyter_client's, IPython's taken as
    $IPYTHONDIR or else ~/.ipython (IPython's older fallbacks, such as ~/.config/ipython, are not looked at); a kernel
    installed in one of them is found as jupyter_client finds it, the first folder first, and one whose provisioner
    is not available is no kernel, as there. Only where none is installed under the name does jupyter_client itself
    look further (ipykernel's own spec)."""

    def _kernel_dirs_default(self):
        ipython = os.environ.get("IPYTHONDIR")
        ipython = os.path.normpath(os.path.expanduser(os.path.join("~", ".ipython") if ipython is None else ipython))
        return [*jupyter_path("kernels"), os.path.join(ipython, "kernels")]

    def get_kernel_spec(self, kernel_name):
        for folder in [folder for folder in self.kernel_dirs if os.path.isdir(folder)]:
            for name in os.listdir(folder):
                path = os.path.join(folder, name)
                if name.lower() == kernel_name.lower() and os.path.isfile(os.path.join(path, "kernel.json")):
                    spec = self.kernel_spec_class.from_resource_dir(path)
                    if not KernelProvisionerFactory.instance(parent=self.parent).is_provisioner_available(spec):
                        raise NoSuchKernel(kernel_name)
                    return spec
        return super().get_kernel_spec(kernel_name)


class LeanKernelManager(AsyncKernelManager):
    """ipykernel's own launcher command (`-m ipykernel_launcher`, after any interpreter options) with LEAN_KERNEL
    instead; any other kernel's command as it is. Async, as nbclient's own default manager is. Kernels are looked up
    by LeanKernelSpecManager."""

    def _kernel_spec_manager_default(self):
        return LeanKernelSpecManager(data_dir=self.data_dir)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        for at in range(1, len(command) - 1):
            if command[at : at + 2] == ["-m", "ipykernel_launcher"]:
                return [*command[:at], "-c", LEAN_KERNEL, *command[at + 2 :]]
        return command


path, cell_timeout = sys.argv[1], int(sys.argv[2])
notebook = nbformat.read(path, as_version=4)
NotebookClient(
    notebook,
    timeout=cell_timeout,
    allow_errors=True,
    kernel_manager_class=LeanKernelManager,
    resources={"metadata": {"path": "."}},
).execute()

# What nbconvert's coalesce_streams does to every notebook it writes: consecutive outputs of one stream merged, and
# text a carriage return overwrote taken out, so the notebook reads the same whichever of the two ran it.
overwritten = re.compile(r".*\r(?=[^\n])")
for cell in notebook.cells:
    if not cell.get("outputs"):
        continue
    merged = [cell.outputs[0]]
    for output in cell.outputs[1:]:
        last = merged[-1]
        if output.output_type == "stream" and last.output_type == "stream" and last.name == output.name:
            last.text += output.text
        else:
            merged.append(output)
    for output in merged:
        if output.output_type == "stream" and "\r" in output.text:
            output.text = overwritten.sub("", output.text)
    cell.outputs = merged

nbformat.write(notebook, path)
