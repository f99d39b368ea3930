"""The default seed: the agency's earlier posts, and under them the citizens' questions of the sample forms.

Each question of ``qna/*/2020/QA-*.md`` that came from a platform sits under the post it asks
about, at the form's ``comment_id`` (a Graph comment id is ``<post number>_<comment number>``, so
the Facebook posts carry the numbers the forms name). The posts' texts are not those of the sample
instance's own posts: a rehearsal would take a post with the same text for that item, published
before its ledger knew it, and stop. Names are clearly fictional.
"""

from __future__ import annotations

from typing import Any

_ALIH_STATUS = "Mengenal Alih Status Guru SMA, SMK dan SLB menjadi PNS Provinsi NTT."
_KENAIKAN = "Usul kenaikan pangkat periode Oktober 2020 disampaikan secara kolektif paling lambat 19 Juni 2020."
_SKP = "Evaluasi capaian SKP semester I 2020: catat hasil kerja beserta buktinya."
_AJAKAN = "Ada pertanyaan tentang kepegawaian? Sampaikan kepada kami di kolom komentar."

DEFAULT_SEED: dict[str, Any] = {
    "facebook": {"posts": [
        {"message": "Sosialisasi petunjuk teknis pengadaan PPPK Tahun 2020 di Aula BKD Provinsi NTT, Kupang.",
         "comments": [
             {"author": "Warga Contoh Satu",
              "text": "Selamat siang, kapan jadwal pendaftaran PPPK untuk guru di Kabupaten Alor?"},
             {"author": "Warga Contoh Dua", "text": "Apakah berkas bisa dikirim lewat pos?"},
         ]},
        {"id": "100000000000512", "message": _ALIH_STATUS, "created": "2020-05-12T09:00:00+08:00", "comments": [
            {"id": "100000000000512_200000000000101", "author": "guru_fiktif_alor",
             "created": "2020-05-12T19:42:00+08:00",
             "text": "Saya guru SMA di Kabupaten Alor. Kalau ada perubahan data setelah alih status, misalnya "
                     "nama sekolah tempat saya bertugas, ke mana saya harus melapor?"},
            {"id": "100000000000512_200000000000117", "author": "contoh.pengguna.sumba",
             "created": "2020-05-13T07:05:00+08:00",
             "text": "Apakah pindah tugas guru SMK ke kabupaten lain di NTT sekarang diurus di provinsi?"},
        ]},
        {"id": "100000000000527", "message": _KENAIKAN, "created": "2020-05-27T09:00:00+08:00", "comments": [
            {"id": "100000000000527_200000000000301", "author": "pegawai.contoh.ende",
             "created": "2020-05-27T13:22:00+08:00",
             "text": "Apakah usul kenaikan pangkat boleh saya antar sendiri ke kantor BKD supaya lebih cepat?"},
        ]},
        {"id": "100000000000604", "message": _SKP, "created": "2020-06-04T09:00:00+08:00", "comments": [
            {"id": "100000000000604_200000000000402", "author": "staf_fiktif_kupang",
             "created": "2020-06-04T14:55:00+08:00",
             "text": "Selama bekerja dari rumah, bagaimana atasan menilai capaian SKP kami?"},
        ]},
    ]},
    "instagram": {"posts": [
        {"caption": "Pelayanan kenaikan pangkat periode April 2020 #BKDNTT #ASNNTT",
         "comments": [{"author": "Warga Contoh Tiga", "text": "Syarat kenaikan pangkat pilihan apa saja, min?"}]},
        {"caption": _AJAKAN + " #BKDNTT", "created": "2020-05-15T09:00:00+08:00", "comments": [
            {"id": "17900000000000515", "author": "pns_fiktif_rote", "created": "2020-05-15T12:18:00+08:00",
             "text": "Kartu pegawai saya hilang waktu pindah rumah. Bagaimana cara mengurus kartu pengganti?"},
        ]},
        {"caption": _SKP + " #ASNNTT", "created": "2020-06-04T09:00:00+08:00", "comments": [
            {"id": "17900000000000604", "author": "contoh_asn_belu", "created": "2020-06-04T18:20:00+08:00",
             "text": "Apakah capaian SKP tahun 2020 akan memengaruhi tambahan penghasilan pegawai?"},
        ]},
    ]},
    "x": {"posts": [
        {"text": "Informasi seleksi CPNS Provinsi NTT 2020 dapat dilihat di situs resmi BKD.",
         "mentions": [{"author": "Warga Contoh Empat", "text": "Apakah formasi untuk tenaga kesehatan sudah dibuka?"}]},
        {"text": _AJAKAN, "created": "2020-05-15T09:00:00+08:00", "mentions": [
            {"id": "1261000000000000515", "author": "Warganet Contoh", "username": "warganet_contoh1",
             "created": "2020-05-15T16:40:00+08:00",
             "text": "Kapan penerimaan CPNS tahun 2020 dibuka? Apakah ada formasi untuk Provinsi NTT?"},
        ]},
        {"text": _KENAIKAN, "created": "2020-05-27T09:00:00+08:00", "mentions": [
            {"id": "1265800000000000527", "author": "Guru Contoh Flotim", "username": "guru_contoh_flo",
             "created": "2020-05-27T20:10:00+08:00",
             "text": "Angka kredit saya belum ditetapkan sampai sekarang. Apakah saya masih bisa diusulkan untuk "
                     "periode Oktober 2020?"},
        ]},
    ]},
    "youtube": {"posts": [
        {"title": "Tutorial Pengisian Formulir Cuti ASN",
         "description": "Panduan langkah demi langkah pengisian formulir cuti bagi ASN Provinsi NTT.",
         "comments": [{"author": "Warga Contoh Lima", "text": "Apakah formulir cuti bisa diisi secara daring?"}]},
        # Not the sample post's own title: a rehearsal would take it for that post, already published.
        {"id": "contohVid612", "title": "Siaran Ulang: Tanya Jawab Layanan Kepegawaian, 12 Juni 2020",
         "description": "Rekaman sesi tanya jawab layanan kepegawaian BKD Provinsi NTT.",
         "created": "2020-06-12T09:00:00+08:00", "comments": [
             {"id": "UgzContohKomentarFiktif0612", "author": "ContohPenontonLembata",
              "created": "2020-06-12T21:03:00+08:00",
              "text": "Apakah PNS yang sedang menjalani izin belajar boleh mengikuti pelatihan daring yang "
                      "diadakan BKD?"},
         ]},
    ]},
}
