"""Printed documents: plain data in (``dto``), PDF bytes out; ReportLab only here, no database.

``layout`` holds the NĐ 30/2020 page geometry and the shared blocks (header, title, signatures,
the administrative ``Letter``); ``wording`` the legal wording, Vietnamese by law. One module per
form: ``receipt`` (Mẫu 02/TCD), ``refusal`` (Mẫu 01/TCD), ``transfer`` (phiếu chuyển đơn, the
redacted copy of a denunciation), ``appointment`` (phiếu hẹn), ``logbook`` (the logbook pages)
``weekly_pack`` (the chairperson's hotspot pack, its long table measured by
``measured_table``), ``sessions`` (schedule, conclusion and empty-session notices) and
``minutes`` (biên bản tiếp công dân, biên bản đối thoại). ``fonts`` registers the serif family
every form uses; ``accel`` remembers string widths and number texts; ``explanations`` the
printed reasons of hotspot flags.
"""
