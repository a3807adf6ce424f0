#!/bin/sh
# Regenerate the producer fixtures in test/fixtures/producers/ and their manifest.
# Run from anywhere; needs Debian's libreoffice-calc, python3-uno, python3-openpyxl, python3-pil,
# python3-xlsxwriter and gnumeric (ssconvert).
# Uses /usr/bin/python3 explicitly (a pyenv python3 on PATH has no uno/openpyxl).
set -eu
cd "$(dirname "$0")/../.."
/usr/bin/python3 scripts/producers/make_openpyxl_register.py
/usr/bin/python3 scripts/producers/make_libreoffice_register.py
/usr/bin/python3 scripts/producers/make_libreoffice_plain.py
/usr/bin/python3 scripts/producers/make_xlsxwriter_registers.py
/usr/bin/python3 scripts/producers/make_gnumeric_register.py
/usr/bin/python3 scripts/producers/make_manifest.py
