"""The EcoIndex of a page, from what the browser measured.

The published formula of EcoIndex (https://www.ecoindex.fr/comment-ca-marche/, by the
Collectif Green IT): each of DOM size, request count and transferred weight (KB) is placed
among the quantiles of the HTTP Archive's pages; the score is
100 - 5 × (3 × q_dom + 2 × q_requests + q_size) / 6, and grade A is a score above 80.
Written out here rather than depending on the `ecoindex-compute` package, whose licence
(CC BY-NC-ND) does not fit a free project.
"""

QUANTILES_DOM = [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076,
                 1237, 1459, 1801, 2479, 594601]  # fmt: skip
QUANTILES_REQUESTS = [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147,
                      170, 205, 281, 3920]  # fmt: skip
QUANTILES_SIZE_KB = [0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47,
                     1448.32, 1648.27, 1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73,
                     5400.08, 8037.54, 223212.26]  # fmt: skip
GRADES = [("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10)]


def quantile(quantiles, value):
    for i in range(1, len(quantiles)):
        if value < quantiles[i]:
            return i - 1 + (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1])
    return len(quantiles) - 1


def score(dom, requests, size_kb):
    q_dom = quantile(QUANTILES_DOM, dom)
    q_req = quantile(QUANTILES_REQUESTS, requests)
    q_size = quantile(QUANTILES_SIZE_KB, size_kb)
    return round(100 - 5 * (3 * q_dom + 2 * q_req + q_size) / 6)


def grade(value):
    return next((letter for letter, low in GRADES if value > low), "G")
