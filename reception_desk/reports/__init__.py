"""Statistics and exports of the statutory reports (DESIGN.md §1): DTO in, bytes out.

``layout`` holds the forms' Vietnamese headings (legal wording, as the templates print them) and
their column grid; ``xlsx`` writes a form in the template's layout with openpyxl; ``pdf`` writes
the NĐ 30/2020 report (landscape A4) with ReportLab.
"""
