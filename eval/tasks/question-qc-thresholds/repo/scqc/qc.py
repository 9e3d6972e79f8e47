import pandas as pd


def filter_cells(cells: pd.DataFrame, min_genes=200, max_genes=6000, max_mito_fraction=0.2) -> pd.DataFrame:
    """Keep cells with enough detected genes, not too many (doublets) and few mitochondrial reads."""
    keep = (
        (cells["n_genes"] >= min_genes)
        & (cells["n_genes"] <= max_genes)
        & (cells["mito_fraction"] <= max_mito_fraction)
    )
    return cells[keep]
