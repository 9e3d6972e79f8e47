import pandas as pd


def summarise(ocr: pd.DataFrame) -> pd.DataFrame:
    """Basal OCR per group: mean, SD and number of wells."""
    grouped = ocr.groupby("group")["basal_ocr"]
    return pd.DataFrame({"mean": grouped.mean(), "sd": grouped.std(), "n": grouped.count()})


if __name__ == "__main__":
    print(summarise(pd.read_csv("data/basal_ocr.csv")).round(1))
