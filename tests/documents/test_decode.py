"""Bytes to text: encodings, byte order marks, mojibake and odd characters."""

import ftfy.bad_codecs  # noqa: F401 - registers "sloppy-windows-1252"

from lifeline.documents.decode import decode

TEXT = "José Pérez Muñoz and “Bosque Vivo” – the People’s committee"


def test_utf8_is_read_as_it_is():
    decoded = decode(TEXT.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.original == TEXT
    assert decoded.warnings == []


def test_windows_1252_wins_a_tie_with_central_european_code_pages():
    # charset-normalizer alone calls this cp1250 and turns "Muñoz" into "Muńoz".
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert "Muñoz" in decoded.text


def test_a_central_european_text_is_read_as_such():
    polish = "Lech Wałęsa i Józef Kowalski zostali zatrzymani w Gdańsku i Łodzi. " * 3
    decoded = decode(polish.encode("cp1250"))
    assert decoded.text.startswith("Lech Wałęsa")


def test_a_cyrillic_text_is_read_as_such():
    russian = "Правозащитник Иван Петров задержан в Москве. " * 3
    assert decode(russian.encode("cp1251")).text.startswith("Правозащитник Иван Петров")


def test_byte_order_marks_choose_the_encoding():
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")).original == TEXT
    assert decode(b"\xff\xfe" + TEXT.encode("utf-16-le")).original == TEXT
    assert decode(b"\xfe\xff" + TEXT.encode("utf-16-be")).encoding == "utf-16-be"


def test_mojibake_is_repaired_in_bytes_and_in_text():
    mojibake = TEXT.encode("utf-8").decode("sloppy-windows-1252")
    assert "JosÃ©" in mojibake
    for data in (mojibake, mojibake.encode("utf-8")):
        decoded = decode(data)
        assert decoded.text.startswith("José Pérez Muñoz")
        assert decoded.original == mojibake
        assert any("mojibake" in warning for warning in decoded.warnings)


def test_quotes_spaces_bullets_and_ligatures_are_made_plain():
    text = decode("\u201cA\u201d \u2018b\u2019\u00a0c \ufb01ne \uf0b7 point\u00adly").text
    assert text == "\"A\" 'b' c fine \u2022 pointly"


def test_control_characters_go_but_lines_and_pages_stay():
    assert decode("a\x00b\x1ac\x0cd\ne\tf\x85g").text == "abc\x0cd\ne\tfg"


def test_accented_text_is_not_mistaken_for_mojibake():
    text = "São Paulo, Conceição, Zürich, Ã  la carte"
    assert decode(text).text == text
