"""Publishing: plan → run → ledger, exactly once per item and platform."""
