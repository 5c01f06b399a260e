"""The classic games, built in code, for examples, tests and benchmarks.

Every function returns a fresh game; payoffs and chance probabilities are exact
(integers and :class:`~fractions.Fraction`) wherever that is natural. Each
docstring gives the source of the game and, where the literature states them,
its equilibria.

Normal form: :func:`prisoners_dilemma`, :func:`battle_of_the_sexes`,
:func:`matching_pennies`, :func:`rock_paper_scissors`, :func:`shapley_game`,
:func:`mckelvey_mclennan_2x2x2` (three players, nine equilibria).

Extensive form: :func:`entry_deterrence`, :func:`seltens_horse`,
:func:`kuhn_poker`, and the generator :func:`leduc_poker`, which builds the
compiled :class:`~games.game_tree.GameTree` directly.
"""

from __future__ import annotations

from fractions import Fraction

from games.errors import InvalidGameError
from games.extensive_form import ExtensiveFormGame
from games.game_tree import GameTree, TreeBuilder
from games.normal_form import NormalFormGame

__all__ = [
    "prisoners_dilemma",
    "battle_of_the_sexes",
    "matching_pennies",
    "rock_paper_scissors",
    "shapley_game",
    "mckelvey_mclennan_2x2x2",
    "MCKELVEY_MCLENNAN_EQUILIBRIA",
    "entry_deterrence",
    "seltens_horse",
    "kuhn_poker",
    "leduc_poker",
]


# ====================================================================== normal form
def prisoners_dilemma() -> NormalFormGame:
    """The prisoner's dilemma with Axelrod's payoffs (T, R, P, S) = (5, 3, 1, 0).

    Defecting strictly dominates cooperating; (Defect, Defect) is the unique
    equilibrium, with payoffs (1, 1).

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> prisoners_dilemma().payoff(("Defect", "Defect"))
    (1.0, 1.0)
    """
    return NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=["Player 1", "Player 2"],
        strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
        title="Prisoner's dilemma",
    )


def battle_of_the_sexes() -> NormalFormGame:
    """The battle of the sexes: two pure equilibria and one mixed.

    Payoffs (2, 1) when both go to the opera, (1, 2) when both go to the
    football match, (0, 0) otherwise. Equilibria: (Opera, Opera),
    (Football, Football), and player 1 choosing Opera with probability 2/3,
    player 2 with probability 1/3 (payoffs 2/3 each).

    References
    ----------
    Luce, R. D. and Raiffa, H. (1957). *Games and Decisions*. Wiley, section 5.3.

    Examples
    --------
    >>> battle_of_the_sexes().shape
    (2, 2)
    """
    return NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        players=["Player 1", "Player 2"],
        strategies=[["Opera", "Football"], ["Opera", "Football"]],
        title="Battle of the sexes",
    )


def matching_pennies() -> NormalFormGame:
    """Matching pennies: zero-sum; the unique equilibrium is uniform mixing, value 0.

    Player 1 wins 1 when the pennies match, player 2 when they differ.

    References
    ----------
    von Neumann, J. and Morgenstern, O. (1944). *Theory of Games and Economic
    Behavior*. Princeton University Press, section 17.1.

    Examples
    --------
    >>> matching_pennies().is_zero_sum()
    True
    """
    return NormalFormGame.from_bimatrix(
        [[1, -1], [-1, 1]],
        players=["Player 1", "Player 2"],
        strategies=[["Heads", "Tails"], ["Heads", "Tails"]],
        title="Matching pennies",
    )


def rock_paper_scissors() -> NormalFormGame:
    """Rock-paper-scissors: zero-sum, win 1, lose -1; the unique equilibrium is uniform.

    References
    ----------
    Osborne, M. J. and Rubinstein, A. (1994). *A Course in Game Theory*. MIT
    Press, exercise 33.1 (and any textbook).

    Examples
    --------
    >>> rock_paper_scissors().payoff(("Paper", "Rock"))
    (1.0, -1.0)
    """
    a = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    labels = ["Rock", "Paper", "Scissors"]
    return NormalFormGame.from_bimatrix(
        a, players=["Player 1", "Player 2"], strategies=[labels, labels], title="Rock-paper-scissors"
    )


def shapley_game() -> NormalFormGame:
    """Shapley's 3x3 game, on which fictitious play cycles and never converges.

    ``A = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]`` and
    ``B = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]``. The unique equilibrium is both
    players mixing uniformly (payoffs 1/3 each).

    References
    ----------
    Shapley, L. S. (1964). Some topics in two-person games. In *Advances in
    Game Theory*, Annals of Mathematics Studies 52: 1-28. Princeton University
    Press.

    Examples
    --------
    >>> shapley_game().shape
    (3, 3)
    """
    return NormalFormGame.from_bimatrix(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
        players=["Player 1", "Player 2"],
        strategies=[["1", "2", "3"], ["1", "2", "3"]],
        title="Shapley's game",
    )


#: The nine Nash equilibria of :func:`mckelvey_mclennan_2x2x2`: each is the
#: probability of strategy "1" for players 1, 2 and 3.
MCKELVEY_MCLENNAN_EQUILIBRIA: tuple[tuple[Fraction, Fraction, Fraction], ...] = tuple(
    (Fraction(a), Fraction(b), Fraction(c))
    for a, b, c in [
        ("1", "1", "1"),
        ("1", "0", "0"),
        ("0", "1", "0"),
        ("0", "0", "1"),
        ("1/2", "1/2", "1"),
        ("1/3", "1", "1/4"),
        ("0", "1/4", "1/3"),
        ("1/2", "2/5", "1/4"),
        ("2/5", "1/2", "1/3"),
    ]
)


def mckelvey_mclennan_2x2x2() -> NormalFormGame:
    """A three-player, two-strategy game with nine Nash equilibria, two totally mixed.

    Nine is the largest number of regular equilibria a 2x2x2 game can have
    (McKelvey and McLennan 1997). Payoffs (players 1, 2, 3):
    (1,1,1) → (9, 8, 12); (2,2,1) → (9, 8, 2); (2,1,2) and (1,2,2) → (3, 4, 6);
    every other profile → (0, 0, 0). These are the payoffs of ``2x2x2.nfg``
    in Gambit's sample games.

    The equilibria, as the probabilities (p1, p2, p3) that players 1, 2, 3
    play strategy "1" (:data:`MCKELVEY_MCLENNAN_EQUILIBRIA`): four pure ones,
    (1,1,1), (1,0,0), (0,1,0), (0,0,1); three partly mixed, (1/2,1/2,1),
    (1/3,1,1/4), (0,1/4,1/3); and two totally mixed, (1/2,2/5,1/4) and
    (2/5,1/2,1/3). All are rational, so exact solvers can certify them with
    zero regret.

    References
    ----------
    McKelvey, R. D. and McLennan, A. (1997). The maximal number of regular
    totally mixed Nash equilibria. *Journal of Economic Theory* 72(2):
    411-425. doi:10.1006/jeth.1996.2214

    Examples
    --------
    >>> from games.profiles import MixedProfile
    >>> g = mckelvey_mclennan_2x2x2()
    >>> p = MixedProfile(g, [[q, 1 - q] for q in MCKELVEY_MCLENNAN_EQUILIBRIA[7]])
    >>> p.exact_regrets()
    (Fraction(0, 1), Fraction(0, 1), Fraction(0, 1))
    """
    payoffs = [[[[0, 0], [0, 0]], [[0, 0], [0, 0]]] for _ in range(3)]
    table = {(0, 0, 0): (9, 8, 12), (1, 1, 0): (9, 8, 2), (1, 0, 1): (3, 4, 6), (0, 1, 1): (3, 4, 6)}
    for (a, b, c), values in table.items():
        for i, v in enumerate(values):
            payoffs[i][a][b][c] = v
    return NormalFormGame(
        payoffs,
        players=["Player 1", "Player 2", "Player 3"],
        strategies=[["1", "2"]] * 3,
        title="2x2x2 example from McKelvey and McLennan (1997)",
    )


# ====================================================================== extensive form
def entry_deterrence() -> ExtensiveFormGame:
    """The entry-deterrence (chain-store stage) game.

    The entrant stays out (payoffs (0, 2)) or enters; after entry the
    incumbent fights (-1, -1) or accommodates (1, 1). Nash equilibria:
    (In, Accommodate), the subgame-perfect one, and (Out, Fight) with the
    incumbent fighting with probability at least 1/2, which rests on a
    non-credible threat.

    References
    ----------
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9(2):
    127-159. doi:10.1007/BF00131770

    Examples
    --------
    >>> entry_deterrence().to_normal_form().strategies
    (('Out', 'In'), ('Fight', 'Accommodate'))
    """
    g = ExtensiveFormGame(["Entrant", "Incumbent"], title="Entry deterrence")
    out, enter = g.set_decision(g.root, 0, ["Out", "In"], infoset="entrant", infoset_label="Entrant")
    g.set_terminal(out, [0, 2])
    fight, accommodate = g.set_decision(
        enter, 1, ["Fight", "Accommodate"], infoset="incumbent", infoset_label="Incumbent"
    )
    g.set_terminal(fight, [-1, -1])
    g.set_terminal(accommodate, [1, 1])
    return g


def seltens_horse() -> ExtensiveFormGame:
    """Selten's horse: three players; player 3 cannot tell whether 1 or 2 moved down.

    Player 1 plays D (down) or A (across); after A, player 2 plays a (across,
    ending the game with (1, 1, 1)) or d (down). Player 3, at one information
    set holding both "down" nodes, plays L or R. Payoffs: D,L → (3, 3, 2);
    D,R → (0, 0, 0); A,d,L → (4, 4, 0); A,d,R → (0, 0, 1).

    Nash equilibria form two components: (A, a, L with probability at most
    1/4), which contains the trembling-hand perfect equilibria, and (D, a with
    probability at least 1/3, L), which is not perfect (player 2 would deviate
    to d if ever reached).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. *International Journal of Game
    Theory* 4(1): 25-55. doi:10.1007/BF01766400 (payoffs as in the usual
    textbook presentation, e.g. Fudenberg, D. and Tirole, J. (1991), *Game
    Theory*, MIT Press, chapter 8).

    Examples
    --------
    >>> seltens_horse().to_normal_form().shape
    (2, 2, 2)
    """
    g = ExtensiveFormGame(["Player 1", "Player 2", "Player 3"], title="Selten's horse")
    down1, across1 = g.set_decision(g.root, 0, ["D", "A"], infoset="1", infoset_label="Player 1")
    down2, across2 = g.set_decision(across1, 1, ["d", "a"], infoset="2", infoset_label="Player 2")
    g.set_terminal(across2, [1, 1, 1])
    left_l, left_r = g.set_decision(down1, 2, ["L", "R"], infoset="3", infoset_label="Player 3")
    right_l, right_r = g.set_decision(down2, 2, infoset="3")
    g.set_terminal(left_l, [3, 3, 2])
    g.set_terminal(left_r, [0, 0, 0])
    g.set_terminal(right_l, [4, 4, 0])
    g.set_terminal(right_r, [0, 0, 1])
    return g


_KUHN_CARDS = ("J", "Q", "K")


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's three-card poker: ante 1, one bet of 1, exact.

    Chance deals player 1 a card from {J, Q, K} (1/3 each), then player 2 one
    of the other two (1/2 each). Player 1 checks or bets; after a check,
    player 2 checks (showdown for 1) or bets, and player 1 then folds or calls;
    after a bet, player 2 folds or calls (showdown for 2). The tree has 58
    nodes (4 chance, 24 decision, 30 terminal), the same as OpenSpiel's
    ``kuhn_poker``, and 12 information sets (6 per player: a card and the
    history, labelled e.g. ``"K"``, ``"J:c"``, ``"Q:b"``, ``"J:cb"``).

    The value of the game for player 1 is -1/18. In a family of equilibria
    (parametrised by α in [0, 1/3]) player 1 bets J with probability α, checks
    Q and calls a bet with Q with probability α + 1/3, bets K with
    probability 3α; player 2 bets J after a check with probability 1/3, calls
    with Q with probability 1/3, and always bets and calls with K.

    References
    ----------
    Kuhn, H. W. (1950). A simplified two-person poker. In *Contributions to the
    Theory of Games I*, Annals of Mathematics Studies 24: 97-103. Princeton
    University Press.

    Examples
    --------
    >>> g = kuhn_poker()
    >>> tree = g.compile()
    >>> tree.n_nodes, tree.decision_infosets.size, tree.terminal_indices.size
    (58, 12, 30)
    >>> g.to_normal_form().shape
    (27, 64)
    """
    g = ExtensiveFormGame(["Player 1", "Player 2"], title="Kuhn poker")
    half, third = Fraction(1, 2), Fraction(1, 3)
    deals1 = g.set_chance(g.root, [(c, third) for c in _KUHN_CARDS], infoset="deal 1", label="deal player 1")
    for i, node1 in enumerate(deals1):
        others = [c for j, c in enumerate(_KUHN_CARDS) if j != i]
        deals2 = g.set_chance(
            node1,
            [(c, half) for c in others],
            infoset=f"deal 2 after {_KUHN_CARDS[i]}",
            label="deal player 2",
        )
        for k, node2 in enumerate(deals2):
            c1, c2 = _KUHN_CARDS[i], others[k]
            win = 1 if _KUHN_CARDS.index(c1) > _KUHN_CARDS.index(c2) else -1
            check, bet = g.set_decision(node2, 0, ["Check", "Bet"], infoset=("first", c1), infoset_label=c1)
            # after a check
            p2_check, p2_bet = g.set_decision(
                check, 1, ["Check", "Bet"], infoset=("check", c2), infoset_label=f"{c2}:c"
            )
            g.set_terminal(p2_check, [win, -win])
            fold, call = g.set_decision(
                p2_bet, 0, ["Fold", "Call"], infoset=("check-bet", c1), infoset_label=f"{c1}:cb"
            )
            g.set_terminal(fold, [-1, 1])
            g.set_terminal(call, [2 * win, -2 * win])
            # after a bet
            fold, call = g.set_decision(
                bet, 1, ["Fold", "Call"], infoset=("bet", c2), infoset_label=f"{c2}:b"
            )
            g.set_terminal(fold, [1, -1])
            g.set_terminal(call, [2 * win, -2 * win])
    return g


_RANK_NAMES = "23456789TJQKA"
_SUIT_NAMES = "shdc"


def leduc_poker(
    *,
    ranks: int = 3,
    suits: int = 2,
    raises_per_round: int = 2,
    bets: tuple[int, int] = (2, 4),
    ante: int = 1,
    max_nodes: int | None = None,
) -> GameTree:
    """Leduc hold'em (two players), generated directly as a :class:`GameTree`.

    A deck of ``ranks * suits`` cards (card ``c`` has rank ``c // suits``);
    each player antes ``ante`` and gets a private card; a betting round;
    chance turns one public card; a second betting round; showdown: a private
    card pairing the public card wins, else the higher rank, equal ranks
    split. In each round player 1 acts first; a player not facing a bet may
    Call (check) or Raise (bet); a player facing a bet may Fold, Call or
    Raise; at most ``raises_per_round`` raises (the first bet included) per
    round; bets are ``bets[0]`` in round 1 and ``bets[1]`` in round 2. Actions
    are labelled and ordered as OpenSpiel's (``Fold``, ``Call``, ``Raise``), and
    information sets distinguish cards by suit, as OpenSpiel's
    ``leduc_poker`` does. With the defaults: 9457 nodes (157 chance, 3780
    decision, 5520 terminal) and 936 information sets, 468 per player.

    Cards are named by rank (the highest ranks below the ace: J, Q, K for
    three; all thirteen with the ace for 13) and suit (s, h, d, c).
    Information sets are labelled ``"<card>[/<public>]:<round-1 actions>[/<round-2 actions>]"``
    with actions ``f``, ``c``, ``r``: e.g. ``"Qh/Ks:crc/r"`` is the player holding
    the queen of hearts, facing a raise in round 2 with the king of spades
    showing, after check, raise, call in round 1.

    Parameters
    ----------
    ranks, suits
        Deck size (ranks ≤ 13, suits ≤ 4; at least 3 cards).
    raises_per_round
        Cap on raises per betting round (≥ 1).
    bets
        Bet (and raise) sizes in rounds 1 and 2.
    ante
        Each player's ante.
    max_nodes
        Node limit passed to the :class:`~games.game_tree.TreeBuilder`.

    References
    ----------
    Southey, F. et al. (2005). Bayes' bluff: opponent modelling in poker.
    *Proceedings of the 21st Conference on Uncertainty in Artificial
    Intelligence (UAI)*: 550-558.
    Lanctot, M. et al. (2019). OpenSpiel: a framework for reinforcement
    learning in games. arXiv:1908.09453 (the ``leduc_poker`` game).

    Examples
    --------
    >>> tree = leduc_poker()
    >>> tree.n_nodes, tree.decision_infosets.size, tree.terminal_indices.size
    (9457, 936, 5520)
    """
    if not (1 <= ranks <= len(_RANK_NAMES) and 1 <= suits <= len(_SUIT_NAMES) and ranks * suits >= 3):
        raise InvalidGameError(
            f"Leduc poker needs 1 ≤ ranks ≤ 13, 1 ≤ suits ≤ 4 and 3 cards; got {ranks}x{suits}"
        )
    if raises_per_round < 1 or min(bets) <= 0 or ante < 0 or len(bets) != 2:
        raise InvalidGameError("Leduc poker needs raises_per_round ≥ 1, two positive bets and ante ≥ 0")
    names = _RANK_NAMES[:-1][-ranks:] if ranks < len(_RANK_NAMES) else _RANK_NAMES  # 3 ranks: J, Q, K
    deck = range(ranks * suits)
    card_name = [names[c // suits] + _SUIT_NAMES[c % suits] for c in deck]
    b = TreeBuilder(["Player 1", "Player 2"], title="Leduc poker", max_nodes=max_nodes)
    n_cards = len(deck)

    def showdown(private: tuple[int, int], public: int) -> int:
        """+1 if player 1 wins, -1 if player 2 wins, 0 for a split."""
        r0, r1, rp = private[0] // suits, private[1] // suits, public // suits
        if (r0 == rp) != (r1 == rp):
            return 1 if r0 == rp else -1
        return (r0 > r1) - (r0 < r1)

    def betting(
        node: int,
        private: tuple[int, int],
        public: int | None,
        history: tuple[str, str],
        spent: tuple[int, int],
        raises: int,
        to_act: int,
        acted: bool,
    ) -> None:
        rnd = 0 if public is None else 1
        facing = spent[1 - to_act] > spent[to_act]
        actions = (["Fold"] if facing else []) + ["Call"] + (["Raise"] if raises < raises_per_round else [])
        card = card_name[private[to_act]]
        seen = card if public is None else f"{card}/{card_name[public]}"
        hist = history[0] if rnd == 0 else f"{history[0]}/{history[1]}"
        kids = b.decision(
            node,
            to_act,
            actions,
            infoset=(to_act, private[to_act], public, history),
            infoset_label=f"{seen}:{hist}",
        )
        for child, act in zip(kids, actions):
            code = act[0].lower()
            new_hist = (history[0] + code, history[1]) if rnd == 0 else (history[0], history[1] + code)
            if act == "Fold":
                loss = spent[to_act]
                b.terminal(child, [-loss, loss] if to_act == 0 else [loss, -loss])
            elif act == "Call":
                paid = list(spent)
                paid[to_act] = spent[1 - to_act]
                if not acted:  # a check that opens the round
                    betting(child, private, public, new_hist, tuple(paid), raises, 1 - to_act, True)  # type: ignore[arg-type]
                elif rnd == 0:
                    deal_public(child, private, new_hist, (paid[0], paid[1]))
                else:
                    assert public is not None
                    w = showdown(private, public)
                    b.terminal(child, [w * paid[0], -w * paid[0]])  # calls equalise the stakes
            else:
                paid = list(spent)
                paid[to_act] = spent[1 - to_act] + bets[rnd]
                betting(child, private, public, new_hist, (paid[0], paid[1]), raises + 1, 1 - to_act, True)

    def deal_public(
        node: int, private: tuple[int, int], history: tuple[str, str], spent: tuple[int, int]
    ) -> None:
        rest = [c for c in deck if c not in private]
        p = Fraction(1, len(rest))
        kids = b.chance(node, [(card_name[c], p) for c in rest])
        for child, c in zip(kids, rest):
            betting(child, private, c, history, spent, 0, 0, False)

    first = b.chance(b.root, [(card_name[c], Fraction(1, n_cards)) for c in deck], label="deal player 1")
    for child0, c0 in zip(first, deck):
        rest = [c for c in deck if c != c0]
        second = b.chance(
            child0, [(card_name[c], Fraction(1, n_cards - 1)) for c in rest], label="deal player 2"
        )
        for child1, c1 in zip(second, rest):
            betting(child1, (c0, c1), None, ("", ""), (ante, ante), 0, 0, False)
    return b.build()
