"""Signature fields in the issued PDF (issue 16): where NĐ30 puts the signature and the seal, found on the laid-out
page; signed by a throw-away certificate in two incremental updates and validated with pyHanko; the PDF/A kept."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from pipeline.issue import issue_document
from pipeline.render.office import find_soffice
from pipeline.render.signing import MM, SEAL_FIELD, SIGNER_FIELD, pdfa_problems
from tests.conftest import REVIEW, SAMPLE
from tests.test_bad_inputs import edit

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
]


def issued_pdf(ws, campaign=SAMPLE, code="quyet_dinh_giay_khen", day=dt.date(2021, 11, 20)) -> bytes:
    result = issue_document(ws.inputs / campaign, code, ws, ws.archive, day, pdf=True)
    return next(p for p in result.files if p.suffix == ".pdf").read_bytes()


def fields(pdf: bytes) -> dict[str, tuple[float, ...]]:
    reader = PdfFileReader(io.BytesIO(pdf))
    return {name: tuple(float(v) for v in ref.get_object()["/Rect"]) for name, _, ref in enumerate_sig_fields(reader)}


def text_box(pdf: bytes, text: str, below: str | None = None) -> tuple[float, ...]:
    """The box of `text` on the page where it stands under `below` (the signature block's title line)."""
    document = pdfium.PdfDocument(pdf)
    for page in document:
        textpage = page.get_textpage()
        found = textpage.search(text, match_case=True).get_next()
        if found and (below is None or textpage.search(below, match_case=True).get_next()):
            rects = [textpage.get_rect(i) for i in range(textpage.count_rects(*found))]
            return (
                min(r[0] for r in rects),
                min(r[1] for r in rects),
                max(r[2] for r in rects),
                max(r[3] for r in rects),
            )
    raise AssertionError(f"{text!r} not found")


def test_the_fields_sit_where_nd30_puts_signature_and_seal(workspace):
    pdf = issued_pdf(workspace)
    placed = fields(pdf)
    assert set(placed) == {SIGNER_FIELD, SEAL_FIELD}
    name = text_box(pdf, "Nguyễn Thành Hải", below="GIÁM ĐỐC")
    title = text_box(pdf, "GIÁM ĐỐC", below="Nguyễn Thành Hải")
    left, bottom, right, top = placed[SIGNER_FIELD]
    assert name[3] <= bottom and top <= title[1]  # between the name and the title line
    assert abs((left + right) / 2 - (name[0] + name[2]) / 2) < 20  # centred over the name
    assert abs((right - left) - 40 * MM) < 1.5  # the default width, 40 mm
    seal = placed[SEAL_FIELD]
    assert abs(seal[2] - (left + (right - left) / 3)) < 1.5  # it covers a third of the signature, on the left
    assert seal[0] < left and abs((seal[1] + seal[3]) / 2 - (bottom + top) / 2) < 1.5
    assert pdfa_problems(pdf) == []
    with pikepdf.open(io.BytesIO(pdf)) as document:  # the empty fields draw nothing over the title and the name
        widgets = [a for page in document.pages for a in page.get("/Annots", []) if a.get("/FT") == "/Sig"]
        assert len(widgets) == 2 and all(a.AP.N.read_bytes().strip() == b"" for a in widgets)
        assert all(int(a.F) & 4 for a in widgets)  # printable, as PDF/A wants


def test_the_sizes_are_the_agencys(workspace):
    edit(
        workspace.inputs / "co_quan.toml",
        'doc_so_linh = "linh"',
        'doc_so_linh = "linh"\n\n[chu_ky_so]\nrong_mm = 50\ncon_dau_mm = 40',
    )
    placed = fields(issued_pdf(workspace))
    assert abs((placed[SIGNER_FIELD][2] - placed[SIGNER_FIELD][0]) - 50 * MM) < 1.5
    assert abs((placed[SEAL_FIELD][2] - placed[SEAL_FIELD][0]) - 40 * MM) < 1.5


def _throwaway_signer(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sở Kế hoạch và Đầu tư (thử)")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = tmp_path / "khoa.pem", tmp_path / "chung-thu.pem"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(key_file), str(cert_file)), load_cert_from_pemder(str(cert_file))


def test_both_fields_are_signed_as_incremental_updates_and_validate(workspace, tmp_path):
    pdf = issued_pdf(workspace)
    signer, cert = _throwaway_signer(tmp_path)
    for field in (SEAL_FIELD, SIGNER_FIELD):  # the seal's holder signs, then the director: two updates
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        pdf = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=signer).getvalue()
    reader = PdfFileReader(io.BytesIO(pdf))
    assert sorted(s.field_name for s in reader.embedded_signatures) == sorted([SEAL_FIELD, SIGNER_FIELD])
    context = ValidationContext(trust_roots=[cert])
    for signature in reader.embedded_signatures:
        status = validate_pdf_signature(signature, context)
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert {name: value is not None for name, value, _ in enumerate_sig_fields(reader)} == {
        SEAL_FIELD: True,
        SIGNER_FIELD: True,
    }
    assert pdfa_problems(pdf) == []  # still PDF/A-2b, fonts embedded, not encrypted


def test_a_biên_bản_has_a_field_for_its_secretary_too(workspace):
    pdf = issued_pdf(workspace, REVIEW, "bien_ban", dt.date(2024, 12, 13))
    placed = fields(pdf)
    assert set(placed) == {SIGNER_FIELD, SEAL_FIELD, f"{SIGNER_FIELD}_thu_ky"}
    secretary = text_box(pdf, "Phạm Ngọc Ánh", below="THƯ KÝ")
    field = placed[f"{SIGNER_FIELD}_thu_ky"]
    assert secretary[3] <= field[1] and abs((field[0] + field[2]) / 2 - (secretary[0] + secretary[2]) / 2) < 20
