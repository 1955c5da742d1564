"""Kecamatan Lasem, the embedded default: facts of the place and of the 2023 meeting.

Everything here is a fact of the product design (see docs/architecture.md): villages,
codes, branding, strategic issues, people, dates. Made-up proposals live in the demo,
never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time


@dataclass(frozen=True)
class VillageFact:
    code: str
    name: str
    branding: str = ""
    terrain: str = "plain"  # "coast", "hill" or "plain": shapes the demo's proposals


KECAMATAN = "Lasem"
KABUPATEN = "Rembang"
KEMENDAGRI_CODE = "33.17.14"
OFFICE_ADDRESS = "Jl. Sunan Bonang, Desa Soditan, Lasem, Kabupaten Rembang"
VENUE = "Pendopo Kecamatan Lasem"
POSTAL_CODE = "59271"
RW_COUNT = 84
RT_COUNT = 219

_CODES = {
    "Karasgede": "01",
    "Jolotundo": "02",
    "Sumbergirang": "03",
    "Karangturi": "04",
    "Babagan": "05",
    "Dorokandang": "06",
    "Gedongmulyo": "07",
    "Dasun": "08",
    "Soditan": "09",
    "Ngemplak": "10",
    "Selopuro": "11",
    "Sendangcoyo": "12",
    "Ngargomulyo": "13",
    "Kajar": "14",
    "Gowak": "15",
    "Sendangasri": "16",
    "Tasiksono": "17",
    "Sriombo": "18",
    "Bonang": "19",
    "Binangun": "20",
}

_BRANDING = {
    "Babagan": "Kampoeng Batik Lasem (sejak 2015) dan kawasan Pecinan lama",
    "Karasgede": "Wisata batik",
    "Karangturi": "Desa Wisata rumah-rumah warisan Tionghoa",
    "Dasun": "Wisata Bahari (2016): mangrove Sungai Dasun, tambak garam dan bandeng, "
    "sejarah galangan kapal",
    "Bonang": "Wisata religi Pasujudan Sunan Bonang",
    "Binangun": "Pantai Binangun Indah",
}

_COAST = {"Bonang", "Dasun", "Binangun", "Gedongmulyo", "Tasiksono"}
_HILL = {"Gowak", "Kajar", "Sendangcoyo", "Ngargomulyo"}

#: The 20 desa in alphabetical order, the order of the desk queue in the template.
VILLAGES: tuple[VillageFact, ...] = tuple(
    VillageFact(
        code=f"{KEMENDAGRI_CODE}.20{_CODES[name]}",
        name=name,
        branding=_BRANDING.get(name, ""),
        terrain="coast" if name in _COAST else "hill" if name in _HILL else "plain",
    )
    for name in sorted(_CODES)
)

#: The regency's strategic issue of 2023, in the three parts the desk tags separately.
STRATEGIC_ISSUES: tuple[tuple[str, str], ...] = (
    ("ISU-1", "Mempercepat Peningkatan Kesejahteraan Masyarakat"),
    ("ISU-2", "Mengurangi Angka Kemiskinan"),
    ("ISU-3", "Memperkecil Kesenjangan Pendapatan di Masyarakat"),
)

MEETING_TITLE = "Pra Musrenbang Kecamatan Lasem 2023"
MEETING_KIND = "pra_musrenbang"
MEETING_DATE = date(2023, 2, 17)
DESK_START = time(8, 0)
DESK_END = time(11, 0)
SIPD_DEADLINE = date(2023, 2, 21)
NEXT_MEETING_DATE = date(2023, 2, 22)
NEXT_MEETING_NAME = "Musrenbang Kecamatan Lasem"

SEKCAM = ("Dwi Susilowati, SE", "Sekretaris Kecamatan Lasem", "Kecamatan Lasem")
BAPPEDA_KABID = (
    "Triana Khusnul Khotimah, SSTP., M.Si.",
    "Kepala Bidang Penelitian dan Pengembangan",
    "BAPPEDA Kabupaten Rembang",
)

#: Roles expected in the room, for the attendance template (name left to be typed).
ATTENDANCE_ROLES: tuple[tuple[str, str, str], ...] = (
    ("kecamatan", "Camat Lasem", "Kecamatan Lasem"),
    ("kecamatan", "Sekretaris Kecamatan", "Kecamatan Lasem"),
    ("kecamatan", "Kasi Pemerintahan", "Kecamatan Lasem"),
    ("kecamatan", "Kasi Pemberdayaan Masyarakat Desa", "Kecamatan Lasem"),
    ("bappeda", "Kepala Bidang Penelitian dan Pengembangan", "BAPPEDA Kabupaten Rembang"),
    ("bappeda", "Staf Bidang Perencanaan", "BAPPEDA Kabupaten Rembang"),
    ("bappeda", "Staf Bidang Perencanaan", "BAPPEDA Kabupaten Rembang"),
    ("opd", "Perwakilan OPD", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("opd", "Perwakilan OPD", "Dinas Kesehatan"),
    ("forkopimcam", "Kapolsek Lasem", "Polsek Lasem"),
    ("forkopimcam", "Danramil Lasem", "Koramil Lasem"),
    ("public", "Kepala Puskesmas", "Puskesmas Lasem"),
    ("public", "Ketua TP PKK Kecamatan", "TP PKK Kecamatan Lasem"),
    ("public", "Perwakilan Forum Anak", "Forum Anak Kecamatan Lasem"),
    ("public", "Perwakilan Forum Difabel", "Forum Difabel Kecamatan Lasem"),
    ("public", "Perwakilan Perempuan", "Kecamatan Lasem"),
    ("public", "Tokoh Agama", "Kecamatan Lasem"),
    ("public", "Tokoh Masyarakat", "Kecamatan Lasem"),
    ("dprd", "Anggota DPRD Daerah Pemilihan", "DPRD Kabupaten Rembang"),
)

#: Per village: who comes to the desk.
VILLAGE_ROLES: tuple[str, ...] = ("Kepala Desa", "Sekretaris Desa", "Ketua BPD")
