# PyTorch (float64) as the side-by-side peer of the engine benchmarks, run by bench/torch.ts with
# Debian's /usr/bin/python3 (python3-torch). Reads one task as JSON on stdin, writes the result as JSON
# on stdout: {"result": ..., "blas": ..., "threads": n} or {"error": "..."}. Timing as bench/measure.ts:
# the median over runs, each run repeating the call for at least min_run_ms.
import json
import sys
import time

try:
    import torch
except Exception as e:  # no torch: the caller skips the PyTorch rows and says why
    print(json.dumps({"error": f"python3 has no torch ({e.__class__.__name__}: {e})"}))
    sys.exit(0)


def median_ms(fn, runs=7, warmup=2, min_run_ms=50.0):
    for _ in range(warmup):
        fn()
    per_call = []
    for _ in range(runs):
        calls = 0
        start = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = (time.perf_counter() - start) * 1000
            if elapsed >= min_run_ms:
                break
        per_call.append(elapsed / calls)
    per_call.sort()
    return per_call[len(per_call) // 2]


def blas_library():
    """The BLAS this process actually loaded (Debian picks it through alternatives at run time)."""
    torch.ones(64, 64, dtype=torch.float64) @ torch.ones(64, 64, dtype=torch.float64)
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    names = sorted(p.rsplit("/", 1)[-1] for p in paths)
    return ", ".join(n for n in names if "openblas" in n) or ", ".join(names) or "unknown"


def matmul(task):
    out = {}
    for n in task["sizes"]:
        a = torch.rand(n, n, dtype=torch.float64) * 2 - 1
        b = torch.rand(n, n, dtype=torch.float64) * 2 - 1
        ms = median_ms(lambda: a @ b, runs=5, min_run_ms=30)
        out[str(n)] = 2 * n ** 3 / (ms * 1e6)
    return out


def mlp_step(task):
    batch, inp, hidden, classes = task["batch"], task["input"], task["hidden"], task["classes"]
    lr = task["learningRate"]
    x = torch.rand(batch, inp, dtype=torch.float64) * 2 - 1
    labels = torch.randint(0, classes, (batch,))
    params = [
        ((torch.rand(inp, hidden, dtype=torch.float64) * 2 - 1) * 0.05).requires_grad_(),
        ((torch.rand(hidden, dtype=torch.float64) * 2 - 1) * 0.01).requires_grad_(),
        ((torch.rand(hidden, classes, dtype=torch.float64) * 2 - 1) * 0.05).requires_grad_(),
        ((torch.rand(classes, dtype=torch.float64) * 2 - 1) * 0.01).requires_grad_(),
    ]

    def step():
        w1, b1, w2, b2 = params
        logits = torch.relu(x @ w1 + b1) @ w2 + b2
        loss = torch.nn.functional.cross_entropy(logits, labels)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p.sub_(lr * g)

    return median_ms(step, runs=7, warmup=3, min_run_ms=100)


def gradcheck(task):
    n = task["n"]
    w = torch.randn(n, n, dtype=torch.float64)
    x = torch.randn(n, dtype=torch.float64, requires_grad=True)

    def f(v):
        return torch.tanh(w @ v).sum()

    def check(fast):
        assert torch.autograd.gradcheck(f, (x,), eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=fast)

    return {
        "full": median_ms(lambda: check(False), runs=5, warmup=1, min_run_ms=0),
        "fast": median_ms(lambda: check(True), runs=7, warmup=2, min_run_ms=50),
    }


def scalar_graph(task):
    ops = task["ops"]

    def run():
        x0 = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
        x = x0
        for i in range(ops):
            k = i % 3
            x = x + 0.1 if k == 0 else (0.999 * x if k == 1 else torch.sin(x))
        x.backward()

    return median_ms(run, runs=5, warmup=1, min_run_ms=0)


TASKS = {"matmul": matmul, "mlp-step": mlp_step, "gradcheck": gradcheck, "scalar-graph": scalar_graph}


def main():
    task = json.load(sys.stdin)
    threads = task.get("threads", 1)
    torch.set_num_threads(threads)
    torch.manual_seed(task.get("seed", 1))
    result = TASKS[task["kind"]](task)
    print(json.dumps({"result": result, "blas": blas_library(), "threads": threads, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
