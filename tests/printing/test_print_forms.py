"""Receipt, refusal notice, transfer slip and appointment slip, read back from the PDF."""

from __future__ import annotations

import dataclasses

import pytest

import tests.printing.rd_pdf_probe as probe
from reception_desk.printing.appointment import render_appointment_slip
from reception_desk.printing.dto import AppointmentSlipData
from reception_desk.printing.dto import Paper
from reception_desk.printing.dto import ReceiptData
from reception_desk.printing.dto import RefusalNoticeData
from reception_desk.printing.dto import TransferSlipData
from reception_desk.printing.receipt import render_receipt
from reception_desk.printing.refusal import render_refusal_notice
from reception_desk.printing.transfer import render_transfer_slip
from tests.printing.rd_print_samples import make_documents

MM = probe.MM
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
    "ỦY BAN NHÂN DÂN",
    "XÃ YÊN PHÚ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]


def _size(pdf: bytes) -> tuple[float, float]:
    (w, h), *_ = probe.page_sizes(pdf)
    return round(w, 2), round(h, 2)


def assert_all_fonts_embedded(pdf: bytes) -> None:
    rows = probe.fonts(pdf)
    assert rows, "no fonts"
    assert all(r.embedded for r in rows), rows
    assert not any("Helvetica" in r.name or "Times-" in r.name for r in rows), rows


def assert_inside_margins(pdf: bytes, left: float, right: float, top: float,
                          bottom: float) -> None:
    """Every word lies within the margins, except page numbers and the copy mark, which
    NĐ 30/2020 and our design put in the top margin."""
    pages, words = probe.words(pdf)
    assert words
    for w in words:
        page = pages[w.page - 1]
        assert w.x0 >= left - 0.5, w
        assert w.x1 <= page.width - right + 0.5, w
        assert w.y1 <= page.height - bottom + 0.5, w
        if (w.text.isdigit() and w.y0 < top) or w.text in ("BẢN", "SAO"):
            continue
        assert w.y0 >= top - 2.0, w  # ascenders of Ủ/Ỗ may rise slightly above the line box


# ----------------------------------------------------------------------------- receipt


def test_receipt_a4_has_every_field(receipt: ReceiptData) -> None:
    pdf = render_receipt(receipt)
    assert _size(pdf) == A4
    assert len(probe.page_sizes(pdf)) == 1
    expected = [
        *HEADER,
        "Số: 15/BN-UBND",
        "Xã Yên Phú, ngày 05 tháng 02 năm 2026",
        "GIẤY BIÊN NHẬN",
        "Thông tin, tài liệu",
        "Vào hồi 09 giờ 30 phút, ngày 05 tháng 02 năm 2026, tại Trụ sở tiếp công dân xã Yên Phú.",
        "Tôi là: Nguyễn Thị Lan",
        "Chức vụ: Công chức Văn phòng - Thống kê",
        "Đã nhận của Ông (Bà): Trần Văn Đức",
        "Số căn cước: 037085001234, ngày cấp: 12/03/2021, nơi cấp: Cục Cảnh sát quản lý hành "
        "chính về trật tự xã hội",
        "Địa chỉ: Thôn Đông Hưng, xã Yên Phú, tỉnh Ninh Bình",
        "Tên thông tin, tài liệu",
        "Số trang",
        "Tình trạng",
        *[d.name for d in receipt.documents],
        "Bản photo",
        "Bản sao có chứng thực",
        "Bản gốc",
        "Giấy biên nhận được lập thành 02 bản; giao 01 bản cho người cung cấp thông tin, tài liệu.",
        "NGƯỜI CUNG CẤP THÔNG TIN, TÀI LIỆU",
        "NGƯỜI TIẾP NHẬN",
        "Mã tra cứu: 7KQ2-M9XD",
    ]
    for needle in expected:
        assert probe.has(pdf, needle), needle
    assert not probe.has(pdf, "BẢN SAO")
    # Both signers' names printed under the signature space.
    text = probe.squash(probe.text(pdf))
    assert text.count(probe.squash("Trần Văn Đức")) == 2
    assert text.count(probe.squash("Nguyễn Thị Lan")) == 2


def test_receipt_fonts_embedded_and_margins(receipt: ReceiptData) -> None:
    pdf = render_receipt(dataclasses.replace(receipt, is_copy=True))
    assert_all_fonts_embedded(pdf)
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)
    assert probe.has(pdf, "BẢN SAO")


def test_receipt_with_15_documents_is_one_a4_page(receipt: ReceiptData) -> None:
    data = dataclasses.replace(receipt, documents=make_documents(15))
    pdf = render_receipt(data)
    assert len(probe.page_sizes(pdf)) == 1
    for doc in data.documents:
        assert probe.has(pdf, doc.name), doc.name
    assert probe.has(pdf, "NGƯỜI TIẾP NHẬN")
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)
    assert probe.qr_codes(pdf) == [receipt.qr_payload]


def test_receipt_with_very_many_documents_still_one_page(receipt: ReceiptData) -> None:
    data = dataclasses.replace(receipt, documents=make_documents(40))
    pdf = render_receipt(data)
    assert len(probe.page_sizes(pdf)) == 1
    assert probe.has(pdf, data.documents[-1].name)


@pytest.mark.parametrize("paper", list(Paper))
def test_receipt_qr_decodes_on_every_paper(receipt: ReceiptData, paper: Paper) -> None:
    payload = "https://tra-cuu.example/r/2026-0015?c=7KQ2M9XD&x=Đức"
    pdf = render_receipt(dataclasses.replace(receipt, qr_payload=payload), paper)
    assert probe.qr_codes(pdf) == [payload]
    assert_all_fonts_embedded(pdf)


def test_receipt_without_qr_has_no_code(receipt: ReceiptData) -> None:
    pdf = render_receipt(dataclasses.replace(receipt, qr_payload=None, verification_code=None))
    assert probe.qr_codes(pdf) == []
    assert not probe.has(pdf, "Mã tra cứu")


def test_receipt_a5(receipt: ReceiptData) -> None:
    pdf = render_receipt(receipt, Paper.A5)
    assert _size(pdf) == A5
    assert len(probe.page_sizes(pdf)) == 1
    for needle in [*HEADER, "GIẤY BIÊN NHẬN", "Trần Văn Đức", receipt.documents[0].name]:
        assert probe.has(pdf, needle), needle
    assert_inside_margins(pdf, 15 * MM, 10 * MM, 12 * MM, 12 * MM)


def test_receipt_thermal_is_one_fitted_page(receipt: ReceiptData) -> None:
    short = render_receipt(receipt, Paper.THERMAL_80MM)
    long = render_receipt(dataclasses.replace(receipt, documents=make_documents(15),
                                              is_copy=True), Paper.THERMAL_80MM)
    for pdf in (short, long):
        sizes = probe.page_sizes(pdf)
        assert len(sizes) == 1
        assert round(sizes[0][0], 2) == round(80 * MM, 2)
        assert_inside_margins(pdf, 4 * MM, 4 * MM, 4 * MM, 6 * MM)
    # Height follows the content: more documents, longer strip.
    assert probe.page_sizes(long)[0][1] > probe.page_sizes(short)[0][1] + 100
    assert probe.has(long, make_documents(15)[-1].name)
    assert probe.has(long, "BẢN SAO")
    assert probe.has(short, "Xã Yên Phú, ngày 05 tháng 02 năm 2026")


def test_receipt_escapes_markup_and_accepts_nfd(receipt: ReceiptData) -> None:
    import unicodedata

    name = unicodedata.normalize("NFD", "Hoàng <Thị> & Hà")
    pdf = render_receipt(dataclasses.replace(receipt, provider_name=name))
    assert probe.has(pdf, "Hoàng <Thị> & Hà")


def test_render_is_deterministic(receipt: ReceiptData) -> None:
    assert render_receipt(receipt) == render_receipt(receipt)


# ----------------------------------------------------------------------------- refusal


def test_refusal_notice(refusal: RefusalNoticeData) -> None:
    pdf = render_refusal_notice(refusal)
    assert _size(pdf) == A4
    expected = [
        *HEADER,
        "Số: 05/TB-UBND",
        "Xã Yên Phú, ngày 05 tháng 02 năm 2026",
        "THÔNG BÁO",
        "Về việc từ chối tiếp công dân",
        "Kính gửi: Ông (Bà) Trần Văn Đức.",
        "Ngày 03 tháng 02 năm 2026, Ông (Bà) Trần Văn Đức",
        "Số căn cước: 037085001234, ngày cấp: 12/03/2021",
        "địa chỉ: Thôn Đông Hưng, xã Yên Phú, tỉnh Ninh Bình",
        "đến Ủy ban nhân dân xã Yên Phú để khiếu nại về việc: việc thu hồi đất nông nghiệp",
        "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân, Ủy ban nhân dân xã Yên Phú thông báo từ "
        "chối tiếp Ông (Bà) Trần Văn Đức",
        "Lý do: " + refusal.reason + ".",
        "Nơi nhận:",
        "- Như trên;",
        "- Chủ tịch UBND tỉnh Ninh Bình (để biết);",
        "- Công an xã Yên Phú (để phối hợp);",
        "- Lưu: VT, hồ sơ.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Phạm Văn Hùng",
    ]
    for needle in expected:
        assert probe.has(pdf, needle), needle
    assert_all_fonts_embedded(pdf)
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)
    names = {r.name.split("+")[-1] for r in probe.fonts(pdf)}
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
            "LiberationSerif-BoldItalic"} <= names  # date line italic, "Nơi nhận:" bold italic


def test_refusal_number_and_date_share_a_line(refusal: RefusalNoticeData) -> None:
    _, words = probe.words(render_refusal_notice(refusal))
    number = next(w for w in words if w.text == "05/TB-UBND")
    place = next(w for w in words if w.text == "Phú," and w.x0 > number.x1)
    assert abs(number.y1 - place.y1) < 3


def test_refusal_rejects_thermal(refusal: RefusalNoticeData) -> None:
    with pytest.raises(ValueError):
        render_refusal_notice(refusal, Paper.THERMAL_80MM)
    assert _size(render_refusal_notice(refusal, Paper.A5)) == A5


# ----------------------------------------------------------------------------- transfer


def test_transfer_slip(transfer: TransferSlipData) -> None:
    pdf = render_transfer_slip(transfer)
    assert _size(pdf) == A4
    expected = [
        *HEADER,
        "Số: 12/PC-UBND",
        "Xã Yên Phú, ngày 09 tháng 3 năm 2026",
        "PHIẾU CHUYỂN ĐƠN",
        "Kính gửi: Công an xã Yên Phú.",
        "Ngày 04 tháng 3 năm 2026, Ủy ban nhân dân xã Yên Phú nhận được đơn tố cáo của ông "
        "(bà) Lê Thị Hồng",
        "địa chỉ: Xóm 3, thôn Bắc, xã Yên Phú.",
        "Nội dung đơn: Tố cáo hành vi đánh bạc trái phép tại thôn Bắc, xã Yên Phú.",
        "Căn cứ khoản 2 Điều 24 Luật Tố cáo, Ủy ban nhân dân xã Yên Phú chuyển đơn tố cáo của "
        "ông (bà) Lê Thị Hồng đến Công an xã Yên Phú để xem xét, giải quyết theo thẩm quyền",
        "(Kèm theo đơn tố cáo và 02 tài liệu có liên quan)",
        "- Người gửi đơn (để biết);",
        "- Lưu: VT, hồ sơ.",
        "TM. ỦY BAN NHÂN DÂN",
        "Phạm Văn Hùng",
    ]
    for needle in expected:
        assert probe.has(pdf, needle), needle
    assert_all_fonts_embedded(pdf)
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)


# ----------------------------------------------------------------------------- appointment


def test_appointment_slip_a5_default(appointment: AppointmentSlipData) -> None:
    pdf = render_appointment_slip(appointment)
    assert _size(pdf) == A5
    assert len(probe.page_sizes(pdf)) == 1
    expected = [
        *HEADER,
        "PHIẾU HẸN",
        "Ủy ban nhân dân xã Yên Phú hẹn Ông (Bà): Trần Văn Đức",
        "Về việc: Khiếu nại việc thu hồi đất nông nghiệp",
        "Đến gặp: Chủ tịch Ủy ban nhân dân xã",
        "Thời gian: 14 giờ 00 phút, Thứ Năm, ngày 12 tháng 02 năm 2026",
        "Địa điểm: Phòng tiếp công dân, trụ sở UBND xã Yên Phú",
        # One line on the A5 sheet at 13 pt (issue 12).
        "Khi đến, đề nghị mang theo: Căn cước; Bản chính các giấy tờ đã nộp.",
        "0229 3 812 345",
        "NGƯỜI VIẾT PHIẾU",
        "Nguyễn Thị Lan",
    ]
    for needle in expected:
        assert probe.has(pdf, needle), needle
    assert_all_fonts_embedded(pdf)
    assert_inside_margins(pdf, 30 * MM, 15 * MM, 20 * MM, 20 * MM)  # NĐ 30/2020 on A5 too


@pytest.mark.parametrize("paper", [Paper.A4, Paper.THERMAL_80MM])
def test_appointment_slip_other_papers(appointment: AppointmentSlipData, paper: Paper) -> None:
    pdf = render_appointment_slip(appointment, paper)
    assert len(probe.page_sizes(pdf)) == 1
    assert probe.has(pdf, "Thời gian: 14 giờ 00 phút, Thứ Năm, ngày 12 tháng 02 năm 2026")
    assert_all_fonts_embedded(pdf)
