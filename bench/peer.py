#!/usr/bin/env python3
"""The Python peer of the benchmark: what a short script with the
`cryptography` package does for the same job.  Loads every certificate of
the CCADB CSV reports or PEM files given, links each to every certificate
whose subject is its issuer name and whose key verifies its signature, and
prints the fingerprints of the statement (-s FILE, one fingerprint a line)
that are missing from the certificates found.
"""
import csv
import re
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes

csv.field_size_limit(1 << 30)
PEM = re.compile(rb"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----",
                 re.S)


def load(paths):
    certs = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        for m in PEM.finditer(data):
            try:
                c = x509.load_pem_x509_certificate(m.group(0))
            except ValueError:
                continue
            certs[c.fingerprint(hashes.SHA256())] = c
    return list(certs.values())


def main():
    args = sys.argv[1:]
    statement = None
    if len(args) >= 2 and args[0] == "-s":
        statement, args = args[1], args[2:]
    certs = load(args)
    by_subject = {}
    for c in certs:
        by_subject.setdefault(c.subject.public_bytes(), []).append(c)
    links = 0
    for c in certs:
        for p in by_subject.get(c.issuer.public_bytes(), []):
            if p is c:
                continue
            try:
                c.verify_directly_issued_by(p)
                links += 1
            except Exception:
                pass
    fps = {c.fingerprint(hashes.SHA256()).hex().upper() for c in certs}
    missing = 0
    if statement:
        listed = set(re.findall(r"[0-9A-Fa-f]{64}", open(statement).read()))
        listed = {x.upper() for x in listed}
        missing = len(fps - listed)
    print(f"{len(certs)} certificates, {links} links, {missing} missing")


main()
