"""Serial scanner payloads: bytes cut into lines, decoded, read as cards (domain/scanner.py)."""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain.classification import Sex
from reception_desk.domain.scanner import ScanBuffer
from reception_desk.domain.scanner import ScanLine
from reception_desk.domain.scanner import card_from_line
from reception_desk.domain.scanner import decode_line
from reception_desk.errors import UserError

TODAY = date(2026, 11, 20)
QR = ("001090012345|012345678|Trần Thị Hồng Nhung|17051990|Nữ|"
      "Thôn 3, Xã Yên Phú, Huyện Ý Yên, Nam Định|10082021")


def test_whole_payload_with_crlf_is_one_line() -> None:
    buffer = ScanBuffer()
    lines = buffer.feed(QR.encode() + b"\r\n")
    assert [line.text for line in lines] == [QR]
    card = card_from_line(lines[0], today=TODAY)
    assert card.full_name == "Trần Thị Hồng Nhung"
    assert card.sex is Sex.FEMALE
    assert buffer.pending() == 0


@pytest.mark.parametrize("ending", [b"\r", b"\n", b"\r\n", b"\n\r"])
def test_every_line_end_ends_a_payload(ending: bytes) -> None:
    lines = ScanBuffer().feed(QR.encode() + ending + QR.encode() + ending)
    assert [line.text for line in lines] == [QR, QR]


def test_reads_split_anywhere_even_inside_a_letter() -> None:
    data = QR.encode() + b"\r\n"
    cut = data.index("ầ".encode()) + 1  # between the bytes of one Vietnamese letter
    buffer = ScanBuffer()
    assert buffer.feed(data[:5]) == []
    assert buffer.feed(data[5:cut]) == []
    assert buffer.pending() == cut
    lines = buffer.feed(data[cut:])
    assert [line.text for line in lines] == [QR]


def test_byte_by_byte() -> None:
    buffer = ScanBuffer()
    lines = [line for byte in (QR.encode() + b"\n") for line in buffer.feed(bytes([byte]))]
    assert [line.text for line in lines] == [QR]


def test_byte_order_mark_and_spaces_are_dropped() -> None:
    (line,) = ScanBuffer().feed(b"\xef\xbb\xbf" + QR.encode() + b"  \r\n")
    assert line.text == QR


def test_invalid_utf8_is_a_problem_not_a_crash() -> None:
    windows_1258 = QR.encode("utf-8").replace("ầ".encode(), b"\xe0\xd2")  # a code-page scanner
    (line,) = ScanBuffer().feed(windows_1258 + b"\r\n")
    assert line.text is None and line.problem == "scanner.not_utf8"
    with pytest.raises(UserError) as caught:
        card_from_line(line, today=TODAY)
    assert caught.value.code == "scanner.not_utf8"


def test_control_characters_of_a_wrong_baud_rate_are_garbage() -> None:
    assert decode_line(b"\x00\x1b\x7f~x").problem == "scanner.garbage"
    assert decode_line(b"abc\tdef").text == "abc\tdef"


def test_garbage_line_does_not_spoil_the_next_payload() -> None:
    buffer = ScanBuffer()
    lines = buffer.feed(b"\xff\xfe\x80\r\n" + QR.encode() + b"\r\n")
    assert [line.problem for line in lines] == ["scanner.not_utf8", None]
    assert card_from_line(lines[1], today=TODAY).id_number == "001090012345"


def test_endless_line_is_reported_once_and_dropped_to_its_end() -> None:
    buffer = ScanBuffer(max_bytes=200)
    lines = buffer.feed(b"x" * 250)
    assert [line.problem for line in lines] == ["scanner.too_long"]
    assert buffer.feed(b"y" * 300) == []  # still the same endless line
    lines = buffer.feed(b"\n" + QR.encode() + b"\n")
    assert [line.text for line in lines] == [QR]


def test_reset_forgets_half_a_payload() -> None:
    buffer = ScanBuffer()
    buffer.feed(QR.encode()[:20])
    buffer.reset()
    assert buffer.pending() == 0
    assert [line.text for line in buffer.feed(QR.encode() + b"\n")] == [QR]


def test_text_that_is_not_a_card() -> None:
    with pytest.raises(UserError) as caught:
        card_from_line(ScanLine(b"https://example.org", text="https://example.org"),
                       today=TODAY)
    assert caught.value.code == "scanner.not_card"


def test_card_structure_problems_come_from_the_qr_parser() -> None:
    bad = QR.replace("17051990", "31021990")
    (line,) = ScanBuffer().feed(bad.encode() + b"\n")
    with pytest.raises(UserError) as caught:
        card_from_line(line, today=TODAY)
    assert caught.value.code == "qr.bad_date"
