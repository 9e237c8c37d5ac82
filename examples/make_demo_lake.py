#!/usr/bin/env python3
"""Writes the demo's small, realistic data lake into OUT_DIR (deterministic: seeded).

  orders/day=YYYY-MM-DD/orders-N.csv.gz   Hive-partitioned gzip CSV, 14 days x 2 files
  events/events-YYYY-MM-DD.jsonl          JSON Lines by day (the demo compresses them with zstd)
  customers.csv                           one table (the demo converts it to Parquet with s3c)

Usage: make_demo_lake.py OUT_DIR [ORDERS_PER_FILE]
"""
import datetime
import gzip
import json
import os
import random
import sys

out = sys.argv[1]
per_file = int(sys.argv[2]) if len(sys.argv) > 2 else 2500
rng = random.Random(20261207)
first_day = datetime.date(2026, 11, 1)
countries = ["DE", "FR", "US", "JP", "BR", "IN"]
statuses = ["placed", "paid", "shipped", "returned"]
customers = 500

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "customers.csv"), "w", newline="") as f:
    f.write("customer_id,name,country,signed_up\n")
    for c in range(1, customers + 1):
        name = rng.choice(["Ann", "Bob", "Chloé", "Dmitri", "Eve", "Farah"]) + f" #{c}"
        if c % 50 == 0:
            name = f'"{name}, Jr."'  # a quoted field with a comma
        signed = first_day - datetime.timedelta(days=rng.randint(1, 900))
        f.write(f"{c},{name},{rng.choice(countries)},{signed.isoformat()}\n")

order_id = 0
for d in range(14):
    day = first_day + datetime.timedelta(days=d)
    folder = os.path.join(out, "orders", f"day={day.isoformat()}")
    os.makedirs(folder, exist_ok=True)
    for part in range(2):
        with gzip.open(os.path.join(folder, f"orders-{part}.csv.gz"), "wt", newline="") as f:
            f.write("order_id,customer_id,amount,status,country,placed_at\n")
            for _ in range(per_file):
                order_id += 1
                at = datetime.datetime(day.year, day.month, day.day) + datetime.timedelta(
                    seconds=rng.randint(0, 86399))
                amount = "" if order_id % 997 == 0 else f"{rng.lognormvariate(3.5, 1.0):.2f}"
                f.write(f"{order_id},{rng.randint(1, customers)},{amount},"
                        f"{rng.choice(statuses)},{rng.choice(countries)},"
                        f"{at.isoformat()}Z\n")

os.makedirs(os.path.join(out, "events"), exist_ok=True)
for d in range(14):
    day = first_day + datetime.timedelta(days=d)
    with open(os.path.join(out, "events", f"events-{day.isoformat()}.jsonl"), "w") as f:
        for i in range(per_file):
            event = {"user": rng.randint(1, customers),
                     "kind": rng.choice(["view", "cart", "search", "checkout"]),
                     "at": f"{day.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"}
            if event["kind"] == "search":
                event["query"] = rng.choice(["shoes", "caf\u00e9 table", "lamp \"retro\""])
            f.write(json.dumps(event, ensure_ascii=False) + "\n")
print(f"{order_id} orders over 14 days, {customers} customers, {14 * per_file} events in {out}")
