"""Mention matching on real sentences from the seeds: prefixes, hamza forms, namesakes."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT

from build_tools.arabic import fold
from build_tools.assemble import assemble
from build_tools.load import load_sources
from build_tools.mentions import Mention, MentionIndex, build_name_table, find_mentions
from build_tools.model import Block, CleanArticle, Corpus, Person, Role
from build_tools.problems import Problems


@pytest.fixture(scope="module")
def table():
    people = load_sources(ROOT, Problems()).registries["people"]
    return build_name_table(people)


def who(sentence: str, table) -> list[tuple[str, str]]:
    return [(m.person, m.surface) for m in find_mentions("a", [Block("paragraph", sentence)], table)]


def test_sons_in_the_964_account(table):
    s = "بالإضافة لأولاده حافظ وكريم، كريم كان قد عاد معنا من موسكو على الطائرة نفسها قبل أسبوع"
    assert who(s, table) == [("hafez-bashar-al-assad", "حافظ"), ("karim-bashar-al-assad", "وكريم"),
                             ("karim-bashar-al-assad", "كريم")]


@pytest.mark.parametrize("sentence,person,surface", [
    ("حصل تأخير في لقاء الأسد ببوتين ولم تحصل الاستجابة المطلوبة", "vladimir-putin", "ببوتين"),
    ("أتى الأسد الرد من الفريق الرئاسي لبوتين بكلمات صادمـ ـة", "vladimir-putin", "لبوتين"),
    ("وقال ثلاثة أعضاء من الدائرة الداخلية للأسد إنه أراد في البداية اللجوء", "bashar-al-assad", "للأسد"),
    ("وإثر ذلك، نقلت وسائل إعلام روسيّة أنباء تفيد بأن موسكو وفرت اللجوء السياسي للأسد وعائلته", "bashar-al-assad", "للأسد"),
    ("ولجأ الأسد إلى رئيس الحكومة العراقية محمد شياع السوداني", "mohammed-shia-al-sudani", "محمد شياع السوداني"),
    ("وبرر للسوداني عدم استجابته لوساطته الأولى", "mohammed-shia-al-sudani", "للسوداني"),
    ("فإن وزير خارجية النظام السوري بسام الصباغ ناقش مع رئيس الحكومة العراقية", "bassam-sabbagh", "بسام الصباغ"),
    ("قادها وزير الخارجية السوري، بسام صباغ، ومعاونه حبيب عباس", "bassam-sabbagh", "بسام صباغ"),
])
def test_attached_prefixes(table, sentence, person, surface):
    assert (person, surface) in who(sentence, table)


def test_longest_name_wins_over_its_parts(table):
    s = "الأولى زيارة وزير الخارجية عباس عراقجي المعلنة"
    assert who(s, table) == [("abbas-araghchi", "عباس عراقجي")]
    s = "قادها وزير الخارجية السوري، بسام صباغ، ومعاونه حبيب عباس، بزيارة إلى بغداد"
    assert who(s, table) == [("bassam-sabbagh", "بسام صباغ"), ("habib-abbas", "حبيب عباس")]


def test_hamza_diacritics_and_tatweel_are_folded():
    people = {"fuad-hussein": Person("fuad-hussein", "فواد حسين", "Fuad Hussein", []),  # typed without hamza
              "erdogan": Person("erdogan", "اردوغان", "Erdogan", [])}
    t = build_name_table(people)
    assert who("كما أبلغ وزير الخارجية العراقي فؤاد حسين، نظيره السوري ومعاونه", t) == [("fuad-hussein", "فؤاد حسين")]
    assert who("بأن الرئيس أردوغان أبلغ الطرف العراقي", t) == [("erdogan", "أردوغان")]
    assert who("الرئيس أرْدوغـان", t) == [("erdogan", "أرْدوغـان")]
    assert fold("أُجل") == fold("اجل")


def test_namesakes_do_not_merge():
    people = {
        "hafez-al-assad": Person("hafez-al-assad", "حافظ الأسد", "Hafez al-Assad", [Role("رئيس سوريا")]),
        "hafez-bashar-al-assad": Person("hafez-bashar-al-assad", "حافظ بشار الأسد", "Hafez", [], ["حافظ"]),
        "bashar-al-assad": Person("bashar-al-assad", "بشار الأسد", "Bashar", [], ["الأسد"]),
    }
    t = build_name_table(people)
    assert who("منهيا حكم عائلته منذ أيام حافظ الأسد", t) == [("hafez-al-assad", "حافظ الأسد")]
    assert who("بالإضافة لأولاده حافظ وكريم", t) == [("hafez-bashar-al-assad", "حافظ")]


def test_words_that_merely_contain_a_name_are_not_mentions(table):
    assert who("بعد يوم من هجوم الفصائل المسلحة على محافظة حلب الشمالية", table) == []


def test_mention_sentence_is_verbatim(table):
    text = ("أصبح سقوط الأسد محسوماً منذ بداية مساء يوم السبت، وكانت آخر مرة تم الاتصال فيها مع الأسد. "
            "حالة الانسحاب هذه تدل على أن الأمر غير مقنع.")
    ms = find_mentions("a", [Block("paragraph", text)], table)
    assert ms and all(m.sentence in text for m in ms)
    assert ms[0].sentence.endswith("مع الأسد.")


# --- the name table ----------------------------------------------------------

def person(pid, name, *variants):
    return Person(pid, name, pid, [], list(variants))


def test_name_table_is_keyed_by_first_folded_word_longest_names_first():
    t = build_name_table({
        "bashar": person("bashar", "بشار الأسد", "الأسد", "بشار حافظ الأسد"),
        "hafez-son": person("hafez-son", "حافظ بشار الأسد", "حافظ"),
        "hafez": person("hafez", "حافظ الأسد"),
        "empty": person("empty", "—", "..."),  # no words: no entry
    })
    assert t == {
        "بشار": [(("بشار", "حافظ", "الاسد"), "bashar"), (("بشار", "الاسد"), "bashar")],
        "الاسد": [(("الاسد",), "bashar")],
        "حافظ": [(("حافظ", "بشار", "الاسد"), "hafez-son"), (("حافظ", "الاسد"), "hafez"),
                 (("حافظ",), "hafez-son")],
    }


def test_name_table_breaks_length_ties_by_id():
    t = build_name_table({"b": person("b", "علي مملوك"), "a": person("a", "علي حيدر"), "c": person("c", "علي")})
    assert t["علي"] == [(("علي", "حيدر"), "a"), (("علي", "مملوك"), "b"), (("علي",), "c")]


def test_a_variant_equal_to_the_name_is_listed_once():
    assert build_name_table({"p": person("p", "بوتين", "بوتين")}) == {"بوتين": [(("بوتين",), "p")]}


# --- matching ----------------------------------------------------------------

FAMILY = build_name_table({
    "hafez-al-assad": person("hafez-al-assad", "حافظ الأسد"),
    "hafez-bashar-al-assad": person("hafez-bashar-al-assad", "حافظ بشار الأسد", "حافظ"),
    "bashar-al-assad": person("bashar-al-assad", "بشار الأسد", "الأسد"),
})


def test_every_field_of_a_mention():
    blocks = [Block("heading", "العنوان"), Block("paragraph", "أولى. وقال بشار الأسد كلمته! ثم مضى.")]
    assert find_mentions("art", blocks, FAMILY) == [
        Mention("bashar-al-assad", "art", 1, "بشار الأسد", "وقال بشار الأسد كلمته!")]


def test_a_name_at_the_very_start_and_at_the_very_end_of_a_block():
    assert who("بشار الأسد قال", FAMILY) == [("bashar-al-assad", "بشار الأسد")]
    assert who("قابل بشار الأسد", FAMILY) == [("bashar-al-assad", "بشار الأسد")]
    assert who("الأسد", FAMILY) == [("bashar-al-assad", "الأسد")]


def test_a_longer_name_cut_off_by_the_end_of_the_block_falls_back_to_a_shorter_one():
    assert who("التقى حافظ", FAMILY) == [("hafez-bashar-al-assad", "حافظ")]
    assert who("التقى حافظ بشار", FAMILY) == [("hafez-bashar-al-assad", "حافظ")]


def test_all_words_of_a_name_must_match_in_order():
    assert who("حافظ وبشار الأسد", FAMILY) == [("hafez-bashar-al-assad", "حافظ"),
                                                ("bashar-al-assad", "وبشار الأسد")]
    assert who("بشار حافظ", FAMILY) == [("hafez-bashar-al-assad", "حافظ")]


def test_matched_words_are_consumed():
    # "حافظ بشار الأسد" is one person: "بشار الأسد" and "الأسد" inside it are not read again
    assert who("حافظ بشار الأسد وحافظ الأسد والأسد", FAMILY) == [
        ("hafez-bashar-al-assad", "حافظ بشار الأسد"), ("hafez-al-assad", "وحافظ الأسد"),
        ("bashar-al-assad", "والأسد")]


def test_the_whole_word_beats_a_prefix_reading_of_equal_length():
    # "بسام" is a name, not ب + "سام"
    t = build_name_table({"bassam": person("bassam", "بسام"), "sam": person("sam", "سام")})
    assert who("قال بسام إن", t) == [("bassam", "بسام")]
    assert who("قال لسام إن", t) == [("sam", "لسام")]


def test_a_longer_name_through_a_prefix_beats_a_shorter_whole_word():
    t = build_name_table({"wali": person("wali", "ولي"), "ali-hassan": person("ali-hassan", "لي حسن")})
    assert who("ولي حسن", t) == [("ali-hassan", "ولي حسن")]
    assert who("ولي العهد", t) == [("wali", "ولي")]


def test_mentions_in_several_blocks_keep_their_block_index():
    blocks = [Block("paragraph", "لا أحد."), Block("paragraph", "الأسد."), Block("paragraph", "ثم الأسد والأسد.")]
    ms = find_mentions("x", blocks, FAMILY)
    assert [(m.block, m.surface, m.article) for m in ms] == [(1, "الأسد", "x"), (2, "الأسد", "x"), (2, "والأسد", "x")]


def test_no_names_no_mentions():
    assert find_mentions("x", [Block("paragraph", "نص بلا أسماء.")], FAMILY) == []
    assert find_mentions("x", [], FAMILY) == []
    assert find_mentions("x", [Block("paragraph", "الأسد")], {}) == []


# --- the sentence around a mention -------------------------------------------

def sentence_of(text, table=FAMILY):
    ms = find_mentions("a", [Block("paragraph", text)], table)
    assert ms, text
    return ms[0].sentence


@pytest.mark.parametrize("end", [".", "!", "؟", "?"])
def test_sentence_is_cut_at_each_sentence_end(end):
    text = f"جملة أولى{end} ثم قال الأسد كلمته{end}  وجملة أخيرة{end}"
    assert sentence_of(text) == f"ثم قال الأسد كلمته{end}"


def test_first_and_last_sentences_run_to_the_text_edges():
    assert sentence_of("قال الأسد. ثم مضى.") == "قال الأسد."
    assert sentence_of("مضى. ثم قال الأسد") == "ثم قال الأسد"
    assert sentence_of("قال الأسد") == "قال الأسد"


def test_a_stop_without_a_following_space_does_not_end_a_sentence():
    assert sentence_of("في 8.12.2024 قال الأسد: لا. ثم مضى.") == "في 8.12.2024 قال الأسد: لا."


def test_a_name_before_the_first_sentence_end_gets_the_first_sentence():
    assert sentence_of("قال الأسد: لا. ثانية. ثالثة.") == "قال الأسد: لا."


def filler(n):
    """n characters of plain words (no commas, no sentence ends)."""
    return ("كلام " * n)[:n].strip().ljust(n, "م")


def test_a_sentence_up_to_320_characters_is_quoted_whole():
    # the comma is more than 160 characters before the name: a window would start after it
    s320 = f"{filler(50)}، {filler(261)} الأسد."
    assert len(s320) == 320
    assert sentence_of(f"قبل. {s320} بعد.") == s320
    s321 = f"{filler(50)}، {filler(262)} الأسد."
    assert sentence_of(f"قبل. {s321} بعد.") == f"…{filler(262)} الأسد."


def test_a_long_sentence_is_cut_at_the_commas_around_the_name():
    p1, p2, p3, p4 = filler(100), filler(200), filler(200), filler(100)
    text = f"قبل. {p1}، {p2} بشار الأسد {p3}، {p4}. بعد."
    assert sentence_of(text) == f"…{p2} بشار الأسد {p3}…"


def test_the_window_is_cut_at_the_nearest_commas_outside_160_characters():
    a, b, c, d = filler(30), filler(30), filler(40), filler(150)
    e, f, g, h = filler(130), filler(40), filler(40), filler(50)
    text = f"{a}، {b}، {c}، {d} بشار الأسد {e}، {f}، {g}، {h}. بعد، ثم."
    # left: the last comma more than 160 characters before the name (not the first one,
    # not the one 150 characters before it); right: the first comma 160 characters or
    # more after the name (not the last one, not the one 130 characters after it)
    assert sentence_of(text) == f"…{c}، {d} بشار الأسد {e}، {f}…"


def test_the_window_never_reaches_into_the_next_sentence():
    text = f"{filler(200)} بشار الأسد {filler(200)}. بعد، ثم قال."
    assert sentence_of(text) == f"{filler(200)} بشار الأسد {filler(200)}."


def test_commas_near_the_name_are_kept_in_the_window():
    p1, p2, p3, p4 = filler(100), filler(100), filler(100), filler(200)
    text = f"{p1}، {p2}، بشار الأسد، {p3}، {p4}، {filler(50)}"
    # left: no comma 160 characters before the name, so the sentence start; right: the
    # first comma at least 160 characters after the name
    assert sentence_of(text) == f"{p1}، {p2}، بشار الأسد، {p3}، {p4}…"


def test_a_long_sentence_without_commas_is_quoted_whole():
    text = filler(200) + " بشار الأسد " + filler(200)
    assert sentence_of(text) == text


def test_a_long_sentence_cut_on_the_left_only():
    p1, p2 = filler(100), filler(200)
    text = f"{p1}، {p2} بشار الأسد {filler(100)}"
    assert sentence_of(text) == f"…{p2} بشار الأسد {filler(100)}"


def test_a_long_sentence_cut_on_the_right_only():
    p3 = filler(200)
    text = f"بشار الأسد {p3}، {filler(200)}. بعد."
    assert sentence_of(text) == f"بشار الأسد {p3}…"


# --- the index over a corpus -------------------------------------------------

@pytest.fixture(scope="module")
def real():
    problems = Problems()
    loaded = load_sources(ROOT, problems)
    corpus, _ = assemble(loaded)
    return corpus, MentionIndex(corpus.articles, corpus.people)


def test_index_over_the_real_articles(real):
    corpus, idx = real
    assert set(idx.by_article) == set(corpus.articles)
    table = build_name_table(corpus.people)
    for aid, art in corpus.articles.items():
        assert idx.by_article[aid] == find_mentions(aid, art.blocks, table)
    flat = [m for ms in idx.by_article.values() for m in ms]
    assert sorted(flat, key=repr) == sorted([m for ms in idx.by_person.values() for m in ms], key=repr)
    for pid, ms in idx.by_person.items():
        assert ms and all(m.person == pid for m in ms)
    for m in flat:  # every quoted sentence is in the article, and holds the name as written
        assert m.surface in m.sentence
        assert idx.contains(m.article, m.sentence.strip("…"))


def test_real_articles_mention_exactly_the_people_they_list(real):
    corpus, idx = real
    assert idx.warnings(corpus) == []


def fake_article(corpus, aid, texts, people=(), interviewer=None):
    meta = dataclasses.replace(next(iter(corpus.articles.values())).meta, id=aid, people=list(people),
                               interviewer=interviewer)
    return CleanArticle(meta, "\n".join(texts), [Block("paragraph", t) for t in texts])


def small_corpus(real, articles):
    corpus, _ = real
    return Corpus(corpus.dossier, corpus.outlets, corpus.people, corpus.events, articles, {})


def test_quote_lookup_folds_whitespace_and_stays_within_one_block(real):
    corpus, _ = real
    art = fake_article(corpus, "a", ["قال  بشار الأسد: لا.", "ثم مضى.  ثم مضى.", "ثم مضى."])
    idx = MentionIndex({"a": art}, corpus.people)
    assert idx.contains("a", "بشار الأسد:") and idx.contains("a", "قال بشار\n الأسد: لا.")
    assert idx.occurrences("a", "قال بشار الأسد: لا.") == 1
    assert idx.occurrences("a", "ثم مضى.") == 3  # twice in one block, once in another
    assert idx.occurrences("a", " ثم  مضى. ثم مضى. ") == 1
    assert idx.occurrences("a", "لا. ثم مضى.") == 0 and not idx.contains("a", "لا. ثم مضى.")  # across blocks
    assert idx.occurrences("a", "") == 0 and not idx.contains("a", "  \n ")
    assert idx.occurrences("b", "ثم مضى.") == 0 and not idx.contains("b", "ثم مضى.")
    assert not idx.contains("a", "قال بشار الأسد: نعم.")


def test_block_of_gives_the_first_block_holding_the_quote(real):
    corpus, _ = real
    art = fake_article(corpus, "a", ["أولى فقط.", "قال  بشار الأسد: لا.", "ثم قال بشار الأسد: لا. ثم مضى."])
    idx = MentionIndex({"a": art}, corpus.people)
    assert idx.block_of("a", "أولى فقط.") == 0
    assert idx.block_of("a", "بشار\n  الأسد: لا.") == 1  # first of two blocks, whitespace folded
    assert idx.block_of("a", "ثم مضى.") == 2
    assert idx.block_of("a", "لا. ثم قال") is None  # across blocks
    assert idx.block_of("a", "") is None and idx.block_of("a", " \n ") is None
    assert idx.block_of("b", "أولى فقط.") is None


def test_warnings_name_people_mentioned_but_not_listed_and_listed_but_not_mentioned(real):
    corpus, _ = real
    ids = sorted(corpus.people)
    bashar = next(p for p in ids if corpus.people[p].name == "بشار الأسد")
    putin = next(p for p in ids if corpus.people[p].name == "فلاديمير بوتين")
    lavrov = next(p for p in ids if corpus.people[p].name == "سيرجي لافروف")
    arts = {
        "x": fake_article(corpus, "x", ["التقى بشار الأسد فلاديمير بوتين."], people=[putin, lavrov]),
        "y": fake_article(corpus, "y", ["لا أحد هنا."], people=[lavrov, "not-a-person"], interviewer=lavrov),
    }
    small = small_corpus(real, arts)
    idx = MentionIndex(arts, corpus.people)
    ws = idx.warnings(small)
    assert [(w.article, w.field, w.message, w.hint) for w in ws] == [
        ("x", "people", f"article mentions `{bashar}` but does not list it in `people`",
         f"add `{bashar}` to people, or check the name variants in people.yml"),
        ("x", "people", f"article lists `{lavrov}` but never mentions it",
         "remove it, or add the spelling the article uses to its variants"),
    ]


def test_warnings_come_sorted_by_person_id(real):
    corpus, _ = real
    named = sorted((p.name, pid) for pid, p in corpus.people.items())[:3]
    text = " و".join(name for name, _ in reversed(named)) + "."
    arts = {"x": fake_article(corpus, "x", [text])}
    idx = MentionIndex(arts, corpus.people)
    got = [w.message for w in idx.warnings(small_corpus(real, arts))]
    want = [f"article mentions `{pid}` but does not list it in `people`" for pid in sorted(pid for _, pid in named)]
    assert got == want


# --- every attached prefix is found, whatever the fast candidate search does ------------

@pytest.mark.parametrize("prefix", ["", "و", "ف", "ب", "ل", "ك", "ال", "بال", "كال", "لل", "وب", "ول", "وك", "وال",
                                    "وبال", "وكال", "ولل", "فب", "فل", "فك", "فال", "فبال", "فكال", "فلل"])
def test_each_prefix_before_a_name(prefix):
    t = build_name_table({"bashar": person("bashar", "بشار"), "assad": person("assad", "الأسد"),
                          "bashar-al-assad": person("bashar-al-assad", "بشار الأسد")})
    assert who(f"قال {prefix}بشار إنه", t) == [("bashar", f"{prefix}بشار")]
    assert who(f"قال {prefix}بشار الأسد", t) == [("bashar-al-assad", f"{prefix}بشار الأسد")]
    if prefix.endswith(("ال", "لل")):
        return  # "الالأسد" is not Arabic
    assert who(f"قال {prefix}الأسد إنه", t) == [("assad", f"{prefix}الأسد")]


def test_a_name_whose_first_word_has_the_article_is_found_after_lil():
    t = build_name_table({"sudani": person("sudani", "السوداني"), "x": person("x", "العهد")})
    assert who("وبرر للسوداني عدم استجابته", t) == [("sudani", "للسوداني")]
    assert who("وفاء للعهد", t) == [("x", "للعهد")]


def test_a_first_word_of_four_letters_with_the_article_is_found_after_lil():
    # the shortest first word whose "لل" form is read as ل + ال…: two letters are left after it
    t = build_name_table({"izz": person("izz", "العز بن عبد السلام")})
    assert who("ونُسبت الفتوى للعز بن عبد السلام", t) == [("izz", "للعز بن عبد السلام")]


def test_a_first_word_that_begins_another_is_found_on_its_own():
    # عمر and عمرو: one first word is the other's beginning, and each is a name
    t = build_name_table({"omar": person("omar", "عمر سليمان"), "amr": person("amr", "عمرو موسى")})
    assert who("التقى عمر سليمان وعمرو موسى", t) == [("omar", "عمر سليمان"), ("amr", "وعمرو موسى")]


def test_a_table_given_as_a_plain_mapping_works_too():
    t = dict(build_name_table({"bashar-al-assad": person("bashar-al-assad", "بشار الأسد")}))
    assert who("قال بشار الأسد", t) == [("bashar-al-assad", "بشار الأسد")]
    assert find_mentions("x", [Block("paragraph", "الأسد")], {}) == []


def test_a_name_of_many_words_is_matched_whole():
    t = build_name_table({"long": person("long", "محمد شياع السوداني"), "m": person("m", "محمد")})
    assert who("ولجأ إلى محمد شياع السوداني أمس", t) == [("long", "محمد شياع السوداني")]
    assert who("ولجأ إلى محمد شياع", t) == [("m", "محمد")]


def test_cached_mentions_are_used_only_for_the_same_blocks_and_names():
    from build_tools.cache import ArticleCache

    cache = ArticleCache(None)
    loaded = load_sources(ROOT, Problems(), cache)
    corpus, _ = assemble(loaded)
    first = MentionIndex(corpus.articles, corpus.people, cache)
    assert first.by_article == MentionIndex(corpus.articles, corpus.people).by_article  # same as without a cache
    again = MentionIndex(corpus.articles, corpus.people, cache)
    cached = [aid for aid in corpus.articles if cache.entries.get(aid, {}).get("blocks") is corpus.articles[aid].blocks]
    assert cached, "assemble caches the blocks of unchanged articles"
    for aid in cached:
        assert again.by_article[aid] is first.by_article[aid]  # reused, not recomputed
    fewer = dict(list(corpus.people.items())[1:])
    other = MentionIndex(corpus.articles, fewer, cache)
    for aid in cached:
        assert other.by_article[aid] == find_mentions(aid, corpus.articles[aid].blocks, build_name_table(fewer))
