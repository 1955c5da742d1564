"""The SIPD corpus: usulan exports as SIPD writes them, made by the tests.

SIPD_HEADER is the column order of the 2023 usulan export; SIPD_HEADER_SHORT another
order seen (the regency's XLSX: recommendations before the amounts, no Profil).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tests.importing_helpers import write_csv, write_xlsx

SIPD_HEADER = (
    "ID Usulan",
    "Tanggal Usul",
    "Pengusul",
    "Profil",
    "Usulan",
    "Masalah",
    "Alamat",
    "Kabupaten",
    "Kecamatan",
    "Kelurahan/Desa",
    "Usulan Ke",
    "OPD Tujuan Awal",
    "OPD Tujuan Akhir",
    "Status",
    "Catatan",
    "Volume/Koefisien",
    "Satuan",
    "Anggaran",
    "Jenis Belanja",
    "Sub Kegiatan",
    "Rekomendasi Desa/Kelurahan",
    "Rekomendasi Kecamatan",
)

DPU = "Dinas Pekerjaan Umum dan Penataan Ruang"
DINPER = "Dinas Pertanian dan Pangan"


def sipd_rows() -> list[dict[str, object]]:
    """Four usulan of Lasem (one with its point in the address) and one of Pancur."""
    return [
        {
            "ID Usulan": "3317050001",
            "Tanggal Usul": "2022-12-05 10:11:12",
            "Pengusul": "Pemerintah Desa Sendangcoyo",
            "Profil": "Desa",
            "Usulan": "Pembangunan jalan usaha tani",
            "Masalah": "Jalan tanah licin saat hujan",
            "Alamat": "Dusun Krajan RT 02, -6.6921, 111.4472",
            "Kabupaten": "Kabupaten Rembang",
            "Kecamatan": "Lasem",
            "Kelurahan/Desa": "Sendangcoyo",
            "Usulan Ke": "1",
            "OPD Tujuan Awal": DINPER,
            "OPD Tujuan Akhir": DPU,
            "Status": "Diverifikasi Kecamatan",
            "Catatan": "Prioritas desa",
            "Volume/Koefisien": "1,5",
            "Satuan": "km",
            "Anggaran": "150.000.000",
            "Jenis Belanja": "Belanja Modal",
            "Sub Kegiatan": "Pembangunan Jalan",
            "Rekomendasi Desa/Kelurahan": "Diusulkan\nKoefisien : 1,5 km\nAnggaran : 150.000.000",
            "Rekomendasi Kecamatan": "",
        },
        {
            "ID Usulan": "3317050002",
            "Tanggal Usul": "06/12/2022",
            "Pengusul": "Pemerintah Desa Sendangcoyo",
            "Profil": "Desa",
            "Usulan": "Pembangunan embung desa",
            "Masalah": "Sawah tadah hujan",
            "Alamat": "Dusun Ngablak",
            "Kabupaten": "Rembang",
            "Kecamatan": "Kecamatan Lasem",
            "Kelurahan/Desa": "Sendangcoyo",
            "Usulan Ke": "2",
            "OPD Tujuan Awal": DINPER,
            "OPD Tujuan Akhir": DINPER,
            "Status": "Diverifikasi Kecamatan",
            "Catatan": "",
            "Volume/Koefisien": "1",
            "Satuan": "unit",
            "Anggaran": "250000000",
            "Jenis Belanja": "Belanja Modal",
            "Sub Kegiatan": "Pembangunan Embung",
            "Rekomendasi Desa/Kelurahan": "Diusulkan, Koefisien : 1 unit, Anggaran : 250.000.000",
            "Rekomendasi Kecamatan": "",
        },
        {
            "ID Usulan": "3317050003",
            "Tanggal Usul": "5 Desember 2022",
            "Pengusul": "Pemerintah Desa Babagan",
            "Profil": "Desa",
            "Usulan": "Pelatihan membatik tulis Lasem",
            "Masalah": "Pemuda belum terampil",
            "Alamat": "Balai Desa Babagan",
            "Kabupaten": "Rembang",
            "Kecamatan": "Lasem",
            "Kelurahan/Desa": "Babagan",
            "Usulan Ke": "1",
            "OPD Tujuan Awal": "Dinas Perindustrian",
            "OPD Tujuan Akhir": "Dinas Perindustrian, Perdagangan, Koperasi dan UKM",
            "Status": "Diverifikasi Kecamatan",
            "Catatan": "",
            "Volume/Koefisien": "30",
            "Satuan": "orang",
            "Anggaran": "75000000",
            "Jenis Belanja": "Belanja Barang dan Jasa",
            "Sub Kegiatan": "Pelatihan Keterampilan",
            "Rekomendasi Desa/Kelurahan": "",
            "Rekomendasi Kecamatan": "",
        },
        {
            "ID Usulan": "3317050004",
            "Tanggal Usul": "2022-12-07",
            "Pengusul": "Pemerintah Desa Dasun",
            "Profil": "Desa",
            "Usulan": "Penanaman mangrove",
            "Masalah": "Abrasi pantai",
            "Alamat": "Pesisir Dasun -6,6712; 111,4590",
            "Kabupaten": "Rembang",
            "Kecamatan": "Lasem",
            "Kelurahan/Desa": "Dasun",
            "Usulan Ke": "1",
            "OPD Tujuan Awal": "Dinas Lingkungan Hidup",
            "OPD Tujuan Akhir": "Dinas Lingkungan Hidup",
            "Status": "Diverifikasi Kecamatan",
            "Catatan": "",
            "Volume/Koefisien": "5000",
            "Satuan": "batang",
            "Anggaran": "50000000",
            "Jenis Belanja": "Belanja Barang dan Jasa",
            "Sub Kegiatan": "Rehabilitasi Pesisir",
            "Rekomendasi Desa/Kelurahan": "",
            "Rekomendasi Kecamatan": "",
        },
    ]


def other_kecamatan_row() -> dict[str, object]:
    row = dict(sipd_rows()[0])
    row.update(
        {
            "ID Usulan": "3317060009",
            "Kecamatan": "Pancur",
            "Kelurahan/Desa": "Sendangcoyo",
            "Usulan": "Jalan desa Pancur",
        }
    )
    return row


def as_table(
    rows: Sequence[dict[str, object]], header: Sequence[str] = SIPD_HEADER
) -> list[list[object]]:
    return [list(header), *([row.get(h, "") for h in header] for row in rows)]


def write_sipd_csv(path: Path, rows: Sequence[dict[str, object]], **kwargs: object) -> Path:
    return write_csv(path, as_table(rows, kwargs.pop("header", SIPD_HEADER)), **kwargs)  # type: ignore[arg-type]


def write_sipd_xlsx(
    path: Path, rows: Sequence[dict[str, object]], header: Sequence[str] = SIPD_HEADER
) -> Path:
    title = [["DAFTAR USULAN MUSRENBANG KECAMATAN LASEM"], []]
    return write_xlsx(path, {"Usulan": [*title, *as_table(rows, header)]})
