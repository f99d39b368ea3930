"""Post numbers (insights): which posts to read, the compact snapshots on the ledger, the collection run.

``sosmed insights collect`` asks each platform for the numbers of the agency's own posts of the
last N days and appends one signed ``insights`` record holding only the numbers that changed;
the monthly recap folds those records into what each post had achieved by the month's end.
"""
