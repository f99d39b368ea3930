"""The monthly recap (laporan rekapitulasi bulanan): from the ledger's receipts to Markdown, SVG, XLSX, PDF."""
