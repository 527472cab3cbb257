"""What scripts/plot-results and scripts/report-page draw alike: colours by Flynn class, and
throughput against working set through the caches."""

# One colour family per Flynn class; backends within a class get shades of it.
CLASS_COLOURMAPS = {"SISD": "Greys", "SIMD": "Blues", "MIMD": "Greens", "SIMT": "Reds"}
# One colour per class where a figure shows classes, not backends.
CLASS_COLOURS = {"SISD": "dimgrey", "SIMD": "tab:blue", "MIMD": "tab:green", "SIMT": "tab:red"}


def log_axis_if_wide(ax, values):
    """A log y axis where the values span more than 20x: a GPU (or its host link) beside CPU rows
    spans decades, and a linear axis would flatten the rest."""
    values = [v for v in values if v > 0]
    if values and max(values) / min(values) > 20:
        ax.set_yscale("log")


def backend_colours(plt, rows):
    by_class = {}
    for r in rows:
        by_class.setdefault(r["flynn_class"], [])
        if r["backend"] not in by_class[r["flynn_class"]]:
            by_class[r["flynn_class"]].append(r["backend"])
    colours = {}
    for cls, backends in by_class.items():
        cmap = plt.get_cmap(CLASS_COLOURMAPS.get(cls, "Purples"))
        for i, b in enumerate(backends):
            colours[b] = cmap(0.45 + 0.45 * (i + 1) / (len(backends) + 1))
    return colours



def plot_sweep(plt, doc, ran, groups):
    caches = doc.get("context", {}).get("caches", [])
    fig, axes = plt.subplots(len(groups), 1, figsize=(11, 4.0 * len(groups)), squeeze=False)
    for ax, (kernel, precision) in zip(axes[:, 0], groups):
        rows = [r for r in ran if r["kernel"] == kernel and r["precision"] == precision]
        colours = backend_colours(plt, rows)
        for backend in dict.fromkeys(r["backend"] for r in rows):
            pts = sorted((r["bytes"], r["gbps"]) for r in rows if r["backend"] == backend)
            cls = next(r["flynn_class"] for r in rows if r["backend"] == backend)
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3, color=colours[backend],
                    label=f"{backend} ({cls})")
            # A GPU's end to end (the copies to and from the host included): the PCIe link's ceiling.
            e2e = sorted((r["bytes"], r["e2e_gbps"]) for r in rows if r["backend"] == backend and r.get("e2e_gbps"))
            if e2e:
                ax.plot([p[0] for p in e2e], [p[1] for p in e2e], linestyle="--", color=colours[backend],
                        label=f"{backend} end to end (host link)")
        # The caches of the processors that ran: the CPU's where a CPU backend did, a GPU's L2
        # where a GPU backend did.
        marks = []
        if any(r["flynn_class"] != "SIMT" for r in rows):
            marks += [(c["bytes"] * (c["instances"] if c["level"] >= 3 else 1), f"L{c['level']}") for c in caches
                      if c.get("kind") != "instruction"]
        if any(r["flynn_class"] == "SIMT" for r in rows):
            marks += [(g["l2_bytes"], "GPU L2") for g in doc.get("context", {}).get("gpus", [])[:1] if g.get("l2_bytes")]
        for total, name in marks:
            ax.axvline(total, color="black", linestyle=":", linewidth=0.8)
            ax.annotate(name, xy=(total, 0), xycoords=("data", "axes fraction"), xytext=(2, 2),
                        textcoords="offset points", fontsize=7)
        ax.set_xscale("log", base=2)
        log_axis_if_wide(ax, [r["gbps"] for r in rows] + [r["e2e_gbps"] for r in rows if r.get("e2e_gbps")])
        ax.set_xlabel("bytes moved per repetition (working set)")
        ax.set_ylabel("GB/s")
        ax.set_title(f"{kernel}, {precision}: throughput against working set (dotted: cache capacity; CPU per core, L3 total)")
        ax.legend(fontsize=7, ncol=4)
        ax.grid(alpha=0.3)
    return fig
