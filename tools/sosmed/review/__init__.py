"""Review: the sign-off gate, the pull-request review report, CODEOWNERS and the safeguards doctor."""
