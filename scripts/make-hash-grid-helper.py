#!/usr/bin/python3
"""The TorchScript hash-grid lookup of StyleAtlas's HashGridEncoding, written with Debian's torch 1.13.

  make-hash-grid-helper.py            rewrites engine/src/main/resources/.../atlas/hash-grid-lookup.pt
                                      after checking it against a reference (outputs and gradients)
  make-hash-grid-helper.py --bench    also times forward + backward of the reference and the helper

The module computes exactly HashGridEncoding.forward (engine, atlas/encoding) for D = 1..4:

  forward(x, table, resolution, multiplier, rows, offset, dense_levels) -> [N, L*F]
    x             [N, D] float32, coordinates in [-1, 1]
    table         [R, F] float32, the encoding's table parameter (all levels, level l from offset[l])
    resolution    [L]    float32, cells per axis of each level
    multiplier    [L, D] int64,   per-axis index multipliers: strides (res+1)^d on dense levels, the
                                  Instant-NGP primes on hashed levels
    rows          [L]    int64,   rows of each level (the hash's modulus on hashed levels)
    offset        [L]    int64,   first table row of each level
    dense_levels  []     int64,   the first dense_levels levels are dense (no "mod rows")

The per-level constants are inputs (built by the Java side per call), so one file serves every grid
configuration. Same conventions as the DJL ops: pos = clip((x + 1) / 2, 0, 1) * res per axis,
i0 = min(floor(pos), res - 1), frac = pos - i0, corner weights prod_d (bit ? frac : 1 - frac), additive
hash sum_d c_d * multiplier_d in int64, "mod rows" on hashed levels only, output order
[level 0 features, level 1 features, ...]. It is differentiable w.r.t. table and x (the atlas
coordinates come from the mapping networks, so d/dx is needed).

Why it is faster than the DJL op sequence: one native call instead of ~150 JNI calls, per-axis [N, L]
tensors instead of broadcast [N, L, C, D] int64 math (an inner dimension of 2 or 3 is slow to reduce),
the corner offsets added to one base index, and flat-table `gather` per feature (backward: scatter_add)
instead of `take` on [N, L, F] indices (backward: put_ with accumulate, and a broadcast sum for w).
"""
import argparse
import math
import os
import time
from typing import List

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "engine", "src", "main", "resources",
                   "org", "styleatlas", "engine", "atlas", "hash-grid-lookup.pt")
PRIMES = [1, 2654435761, 805459861, 3674653429]


class HashGridLookup(nn.Module):
    def forward(self, x: torch.Tensor, table: torch.Tensor, resolution: torch.Tensor, multiplier: torch.Tensor,
                rows: torch.Tensor, offset: torch.Tensor, dense_levels: torch.Tensor) -> torch.Tensor:
        n = x.shape[0]
        dims = x.shape[1]
        levels = resolution.shape[0]
        features = table.shape[1]
        dense = int(dense_levels.item())
        res = resolution.view(1, levels)
        res_max = res - 1.0
        flat_table = table.reshape(-1)
        fracs: List[torch.Tensor] = []
        base = torch.zeros(1, levels, dtype=torch.long, device=x.device)
        for k in range(dims):
            pos = ((x[:, k] + 1.0) * 0.5).clamp(0.0, 1.0).unsqueeze(1) * res  # [N, L]
            i0 = torch.minimum(pos.detach().floor(), res_max)
            fracs.append(pos - i0)
            base = base + i0.long() * multiplier[:, k].view(1, levels)
        sums: List[torch.Tensor] = []
        for c in range(1 << dims):
            corner = base
            weight = fracs[0]
            for k in range(dims):
                if (c >> k) & 1 == 1:
                    corner = corner + multiplier[:, k].view(1, levels)
                    axis = fracs[k]
                else:
                    axis = 1.0 - fracs[k]
                weight = axis if k == 0 else weight * axis
            if dense < levels:
                hashed = corner[:, dense:] % rows[dense:].view(1, levels - dense)
                corner = torch.cat([corner[:, :dense], hashed], 1)
            flat = ((corner + offset.view(1, levels)) * features).view(-1)
            for f in range(features):
                contribution = flat_table.gather(0, flat + f).view(n, levels) * weight
                if c == 0:
                    sums.append(contribution)
                else:
                    sums[f] = sums[f] + contribution
        return torch.stack(sums, 2).reshape(n, levels * features)


def reference(x, table, resolution, multiplier, rows, offset, dense):
    """HashGridEncoding.forward's DJL op sequence, op for op."""
    n, dims = x.shape
    levels = resolution.shape[0]
    features = table.shape[1]
    pos = ((x + 1.0) * 0.5).clamp(0.0, 1.0).unsqueeze(1) * resolution.view(1, levels, 1)
    i0 = torch.minimum(pos.floor(), (resolution - 1).view(1, levels, 1))
    frac = pos - i0
    i0l = i0.long()
    out = None
    for c in range(1 << dims):
        bits = torch.tensor([(c >> d) & 1 for d in range(dims)]).view(1, 1, dims)
        bf = bits.float()
        w = (frac * bf + (-frac + 1.0) * (-bf + 1.0)).prod(2)
        row = ((i0l + bits) * multiplier.view(1, levels, dims)).sum(2)
        if dense < levels:
            row = torch.cat([row[:, :dense], row[:, dense:] % rows[dense:].view(1, -1)], 1)
        row = row + offset.view(1, levels)
        flat = row.unsqueeze(2) * features + torch.arange(features).view(1, 1, features)
        contribution = table.reshape(-1).take(flat) * w.unsqueeze(2)
        out = contribution if out is None else out + contribution
    return out.reshape(n, levels * features)


def constants(dims, levels=16, features=2, log2_rows=15, base=16.0, growth=1.25):
    """HashGridEncoding's constructor: resolution, multiplier, rows, offset, dense levels, total rows."""
    max_rows = 1 << log2_rows
    res, rows, offset, mult = [], [], [], []
    total, dense = 0, 0
    for level in range(levels):
        r = max(1, math.floor(base * growth ** level))
        is_dense = (r + 1) ** dims <= max_rows
        dense += 1 if is_dense and dense == level else 0
        res.append(r)
        rows.append((r + 1) ** dims if is_dense else max_rows)
        offset.append(total)
        total += rows[-1]
        mult.append([(r + 1) ** d if is_dense else PRIMES[d] for d in range(dims)])
    return (torch.tensor(res, dtype=torch.float32), torch.tensor(mult), torch.tensor(rows),
            torch.tensor(offset), dense, total, features)


def check(module, dims, points=2000, log2_rows=15, bench=False):
    torch.manual_seed(dims)
    res, mult, rows, offset, dense, total, features = constants(dims, log2_rows=log2_rows)
    table0 = torch.rand(total, features) * 2 - 1
    x0 = torch.rand(points, dims) * 2 - 1
    x0[:8] = 1.0
    x0[8:16] = -1.0
    results = []
    for name, fn in (("reference", lambda x, t: reference(x, t, res, mult, rows, offset, dense)),
                     ("torchscript", lambda x, t: module(x, t, res, mult, rows, offset, torch.tensor(dense)))):
        times = []
        for _ in range(5 if bench else 1):
            x = x0.clone().requires_grad_()
            table = table0.clone().requires_grad_()
            start = time.perf_counter()
            y = fn(x, table)
            (y * y).sum().backward()
            times.append(time.perf_counter() - start)
        results.append((y.detach(), table.grad, x.grad))
        if bench:
            print(f"D={dims} N={points} {name}: forward+backward {sorted(times)[len(times) // 2] * 1e3:.1f} ms")
    (ya, ta, xa), (yb, tb, xb) = results
    y_err = (ya - yb).abs().max().item()
    t_err = ((ta - tb).abs().max() / ta.abs().max()).item()
    x_err = ((xa - xb).abs().max() / xa.abs().max()).item()
    print(f"D={dims} dense levels {dense}/16: max |dy| {y_err:.2e}, rel dtable {t_err:.2e}, rel dx {x_err:.2e}")
    if y_err > 1e-5 or t_err > 1e-5 or x_err > 1e-5:
        raise SystemExit(f"the scripted lookup differs from the reference for D={dims}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", action="store_true", help="time reference and helper (8192 points, 1 thread)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    module = torch.jit.script(HashGridLookup())
    for dims in (2, 3):
        check(module, dims)
        check(module, dims, log2_rows=8)  # mostly hashed levels
        if args.bench:
            check(module, dims, points=8192, bench=True)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    module.save(OUT)
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes, torch {torch.__version__})")


if __name__ == "__main__":
    main()
