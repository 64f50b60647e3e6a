"""Runs one TextFSM template over one file, the way ntc-templates users do.

usage: /usr/bin/python3 textfsm_parse.py TEMPLATE INPUT [--json]
Prints the record count, or with --json the records as lower-case field dictionaries.
"""
import json
import sys

import textfsm


def main(argv):
    template_path, input_path = argv[1], argv[2]
    with open(template_path, encoding="utf-8") as template, open(input_path, encoding="utf-8") as data:
        fsm = textfsm.TextFSM(template)
        records = fsm.ParseText(data.read())
    if "--json" in argv:
        header = [name.lower() for name in fsm.header]
        json.dump([dict(zip(header, row)) for row in records], sys.stdout)
    else:
        print(len(records))


if __name__ == "__main__":
    main(sys.argv)
