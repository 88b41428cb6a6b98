"""The seed text the benchmark corpora are generated from.

`ENGLISH_SOURCES`: the opening paragraphs of nineteenth-century English novels, all in the
public domain (published before 1900; their authors died more than a century ago). They were
typed for this project from the public-domain texts (as Project Gutenberg carries them, without
its headers or license, which apply only to Gutenberg's own files); a word may differ here and
there from a given printing, which does not matter for a benchmark.

`SENTENCES_BY_LANGUAGE`: short everyday sentences written for this project (no source, no
license needed) in many languages and scripts, and `EMOJI` sequences, including ZWJ families,
skin tones and flags.
"""

from __future__ import annotations

ENGLISH_SOURCES = [
    (
        "Pride and Prejudice",
        "Jane Austen",
        1813,
        """\
It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.

However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered as the rightful property of some one or other of their daughters.

“My dear Mr. Bennet,” said his lady to him one day, “have you heard that Netherfield Park is let at last?”

Mr. Bennet replied that he had not.

“But it is,” returned she; “for Mrs. Long has just been here, and she told me all about it.”

Mr. Bennet made no answer.

“Do not you want to know who has taken it?” cried his wife impatiently.

“You want to tell me, and I have no objection to hearing it.”

This was invitation enough.

“Why, my dear, you must know, Mrs. Long says that Netherfield is taken by a young man of large fortune from the north of England; that he came down on Monday in a chaise and four to see the place, and was so much delighted with it that he agreed with Mr. Morris immediately; that he is to take possession before Michaelmas, and some of his servants are to be in the house by the end of next week.”

“What is his name?”

“Bingley.”

“Is he married or single?”

“Oh! single, my dear, to be sure! A single man of large fortune; four or five thousand a year. What a fine thing for our girls!”

“How so? how can it affect them?”

“My dear Mr. Bennet,” replied his wife, “how can you be so tiresome! You must know that I am thinking of his marrying one of them.”

“Is that his design in settling here?”

“Design! nonsense, how can you talk so! But it is very likely that he may fall in love with one of them, and therefore you must visit him as soon as he comes.”

“I see no occasion for that. You and the girls may go, or you may send them by themselves, which perhaps will be still better, for as you are as handsome as any of them, Mr. Bingley might like you the best of the party.”

“My dear, you flatter me. I certainly have had my share of beauty, but I do not pretend to be any thing extraordinary now. When a woman has five grown up daughters, she ought to give over thinking of her own beauty.”

“In such cases, a woman has not often much beauty to think of.”

“But, my dear, you must indeed go and see Mr. Bingley when he comes into the neighbourhood.”

“It is more than I engage for, I assure you.”

“But consider your daughters. Only think what an establishment it would be for one of them. Sir William and Lady Lucas are determined to go, merely on that account, for in general you know they visit no new comers. Indeed you must go, for it will be impossible for us to visit him, if you do not.”

“You are over scrupulous surely. I dare say Mr. Bingley will be very glad to see you; and I will send a few lines by you to assure him of my hearty consent to his marrying which ever he chuses of the girls; though I must throw in a good word for my little Lizzy.”

“I desire you will do no such thing. Lizzy is not a bit better than the others; and I am sure she is not half so handsome as Jane, nor half so good humoured as Lydia. But you are always giving her the preference.”

“They have none of them much to recommend them,” replied he; “they are all silly and ignorant like other girls; but Lizzy has something more of quickness than her sisters.”

“Mr. Bennet, how can you abuse your own children in such a way? You take delight in vexing me. You have no compassion on my poor nerves.”

“You mistake me, my dear. I have a high respect for your nerves. They are my old friends. I have heard you mention them with consideration these twenty years at least.”

“Ah! you do not know what I suffer.”

“But I hope you will get over it, and live to see many young men of four thousand a year come into the neighbourhood.”

Mr. Bennet was so odd a mixture of quick parts, sarcastic humour, reserve, and caprice, that the experience of three and twenty years had been insufficient to make his wife understand his character. Her mind was less difficult to develope. She was a woman of mean understanding, little information, and uncertain temper. When she was discontented she fancied herself nervous. The business of her life was to get her daughters married; its solace was visiting and news.
""",
    ),
    (
        "A Tale of Two Cities",
        "Charles Dickens",
        1859,
        """\
It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of Darkness, it was the spring of hope, it was the winter of despair, we had everything before us, we had nothing before us, we were all going direct to Heaven, we were all going direct the other way; in short, the period was so far like the present period, that some of its noisiest authorities insisted on its being received, for good or for evil, in the superlative degree of comparison only.

There were a king with a large jaw and a queen with a plain face, on the throne of England; there were a king with a large jaw and a queen with a fair face, on the throne of France. In both countries it was clearer than crystal to the lords of the State preserves of loaves and fishes, that things in general were settled for ever.

It was the year of Our Lord one thousand seven hundred and seventy-five. Spiritual revelations were conceded to England at that favoured period, as at this. Mrs. Southcott had recently attained her five-and-twentieth blessed birthday, of whom a prophetic private in the Life Guards had heralded the sublime appearance by announcing that arrangements were made for the swallowing up of London and Westminster.

France, less favoured on the whole as to matters spiritual than her sister of the shield and trident, rolled with exceeding smoothness down hill, making paper money and spending it. Under the guidance of her Christian pastors, she entertained herself, besides, with such humane achievements as sentencing a youth to have his hands cut off, his tongue torn out with pincers, and his body burned alive, because he had not kneeled down in the rain to do honour to a dirty procession of monks which passed within his view, at a distance of some fifty or sixty yards.

It is likely enough that, rooted in the woods of France and Norway, there were growing trees, when that sufferer was put to death, already marked by the Woodman, Fate, to come down and be sawn into boards, to make a certain movable framework with a sack and a knife in it, terrible in history. It is likely enough that in the rough outhouses of some tillers of the heavy lands adjacent to Paris, there were sheltered from the weather that very day, rude carts, bespattered with rustic mire, snuffed about by pigs, and roosted in by poultry, which the Farmer, Death, had already set apart to be his tumbrils of the Revolution.

In England, there was scarcely an amount of order and protection to justify much national boasting. Daring burglaries by armed men, and highway robberies, took place in the capital itself every night; families were publicly cautioned not to go out of town without removing their furniture to upholsterers' warehouses for security; the highwayman in the dark was a City tradesman in the light.
""",
    ),
    (
        "Moby-Dick; or, The Whale",
        "Herman Melville",
        1851,
        """\
Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. It is a way I have of driving off the spleen and regulating the circulation. Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul; whenever I find myself involuntarily pausing before coffin warehouses, and bringing up the rear of every funeral I meet; and especially whenever my hypos get such an upper hand of me, that it requires a strong moral principle to prevent me from deliberately stepping into the street, and methodically knocking people's hats off—then, I account it high time to get to sea as soon as I can. This is my substitute for pistol and ball. With a philosophical flourish Cato throws himself upon his sword; I quietly take to the ship. There is nothing surprising in this. If they but knew it, almost all men in their degree, some time or other, cherish very nearly the same feelings towards the ocean with me.

There now is your insular city of the Manhattoes, belted round by wharves as Indian isles by coral reefs—commerce surrounds it with her surf. Right and left, the streets take you waterward. Its extreme downtown is the battery, where that noble mole is washed by waves, and cooled by breezes, which a few hours previous were out of sight of land. Look at the crowds of water-gazers there.

Circumambulate the city of a dreamy Sabbath afternoon. Go from Corlears Hook to Coenties Slip, and from thence, by Whitehall, northward. What do you see?—Posted like silent sentinels all around the town, stand thousands upon thousands of mortal men fixed in ocean reveries. Some leaning against the spiles; some seated upon the pier-heads; some looking over the bulwarks of ships from China; some high aloft in the rigging, as if striving to get a still better seaward peep. But these are all landsmen; of week days pent up in lath and plaster—tied to counters, nailed to benches, clinched to desks. How then is this? Are the green fields gone? What do they here?

But look! here come more crowds, pacing straight for the water, and seemingly bound for a dive. Strange! Nothing will content them but the extremest limit of the land; loitering under the shady lee of yonder warehouses will not suffice. No. They must get just as nigh the water as they possibly can without falling in. And there they stand—miles of them—leagues. Inlanders all, they come from lanes and alleys, streets and avenues—north, east, south, and west. Yet here they all unite. Tell me, does the magnetic virtue of the needles of the compasses of all those ships attract them thither?

Once more. Say you are in the country; in some high land of lakes. Take almost any path you please, and ten to one it carries you down in a dale, and leaves you there by a pool in the stream. There is magic in it. Let the most absent-minded of men be plunged in his deepest reveries—stand that man on his legs, set his feet a-going, and he will infallibly lead you to water, if water there be in all that region. Should you ever be athirst in the great American desert, try this experiment, if your caravan happen to be supplied with a metaphysical professor. Yes, as every one knows, meditation and water are wedded for ever.
""",
    ),
    (
        "Alice's Adventures in Wonderland",
        "Lewis Carroll",
        1865,
        """\
Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do: once or twice she had peeped into the book her sister was reading, but it had no pictures or conversations in it, “and what is the use of a book,” thought Alice “without pictures or conversations?”

So she was considering in her own mind (as well as she could, for the hot day made her feel very sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.

There was nothing so very remarkable in that; nor did Alice think it so very much out of the way to hear the Rabbit say to itself, “Oh dear! Oh dear! I shall be late!” (when she thought it over afterwards, it occurred to her that she ought to have wondered at this, but at the time it all seemed quite natural); but when the Rabbit actually took a watch out of its waistcoat-pocket, and looked at it, and then hurried on, Alice started to her feet, for it flashed across her mind that she had never before seen a rabbit with either a waistcoat-pocket, or a watch to take out of it, and burning with curiosity, she ran across the field after it, and fortunately was just in time to see it pop down a large rabbit-hole under the hedge.

In another moment down went Alice after it, never once considering how in the world she was to get out again.

The rabbit-hole went straight on like a tunnel for some way, and then dipped suddenly down, so suddenly that Alice had not a moment to think about stopping herself before she found herself falling down a very deep well.

Either the well was very deep, or she fell very slowly, for she had plenty of time as she went down to look about her and to wonder what was going to happen next. First, she tried to look down and make out what she was coming to, but it was too dark to see anything; then she looked at the sides of the well, and noticed that they were filled with cupboards and book-shelves; here and there she saw maps and pictures hung upon pegs. She took down a jar from one of the shelves as she passed; it was labelled “ORANGE MARMALADE”, but to her great disappointment it was empty: she did not like to drop the jar for fear of killing somebody underneath, so managed to put it into one of the cupboards as she fell past it.

“Well!” thought Alice to herself, “after such a fall as this, I shall think nothing of tumbling down stairs! How brave they'll all think me at home! Why, I wouldn't say anything about it, even if I fell off the top of the house!” (Which was very likely true.)

Down, down, down. Would the fall never come to an end? “I wonder how many miles I've fallen by this time?” she said aloud. “I must be getting somewhere near the centre of the earth. Let me see: that would be four thousand miles down, I think—” (for, you see, Alice had learnt several things of this sort in her lessons in the schoolroom, and though this was not a very good opportunity for showing off her knowledge, as there was no one to listen to her, still it was good practice to say it over) “—yes, that's about the right distance—but then I wonder what Latitude or Longitude I've got to?” (Alice had no idea what Latitude was, or Longitude either, but thought they were nice grand words to say.)
""",
    ),
    (
        "A Christmas Carol",
        "Charles Dickens",
        1843,
        """\
Marley was dead: to begin with. There is no doubt whatever about that. The register of his burial was signed by the clergyman, the clerk, the undertaker, and the chief mourner. Scrooge signed it: and Scrooge's name was good upon 'Change, for anything he chose to put his hand to. Old Marley was as dead as a door-nail.

Mind! I don't mean to say that I know, of my own knowledge, what there is particularly dead about a door-nail. I might have been inclined, myself, to regard a coffin-nail as the deadest piece of ironmongery in the trade. But the wisdom of our ancestors is in the simile; and my unhallowed hands shall not disturb it, or the Country's done for. You will therefore permit me to repeat, emphatically, that Marley was as dead as a door-nail.

Scrooge knew he was dead? Of course he did. How could it be otherwise? Scrooge and he were partners for I don't know how many years. Scrooge was his sole executor, his sole administrator, his sole assign, his sole residuary legatee, his sole friend, and sole mourner. And even Scrooge was not so dreadfully cut up by the sad event, but that he was an excellent man of business on the very day of the funeral, and solemnised it with an undoubted bargain.

Scrooge never painted out Old Marley's name. There it stood, years afterwards, above the warehouse door: Scrooge and Marley. The firm was known as Scrooge and Marley. Sometimes people new to the business called Scrooge Scrooge, and sometimes Marley, but he answered to both names. It was all the same to him.

Oh! But he was a tight-fisted hand at the grind-stone, Scrooge! a squeezing, wrenching, grasping, scraping, clutching, covetous, old sinner! Hard and sharp as flint, from which no steel had ever struck out generous fire; secret, and self-contained, and solitary as an oyster. The cold within him froze his old features, nipped his pointed nose, shrivelled his cheek, stiffened his gait; made his eyes red, his thin lips blue; and spoke out shrewdly in his grating voice. A frosty rime was on his head, and on his eyebrows, and his wiry chin. He carried his own low temperature always about with him; he iced his office in the dog-days; and didn't thaw it one degree at Christmas.

External heat and cold had little influence on Scrooge. No warmth could warm, no wintry weather chill him. No wind that blew was bitterer than he, no falling snow was more intent upon its purpose, no pelting rain less open to entreaty. Foul weather didn't know where to have him. The heaviest rain, and snow, and hail, and sleet, could boast of the advantage over him in only one respect. They often “came down” handsomely, and Scrooge never did.

Nobody ever stopped him in the street to say, with gladsome looks, “My dear Scrooge, how are you? When will you come to see me?” No beggars implored him to bestow a trifle, no children asked him what it was o'clock, no man or woman ever once in all his life inquired the way to such and such a place, of Scrooge. Even the blind men's dogs appeared to know him; and when they saw him coming on, would tug their owners into doorways and up courts; and then would wag their tails as though they said, “No eye at all is better than an evil eye, dark master!”
""",
    ),
    (
        "Frankenstein; or, The Modern Prometheus",
        "Mary Wollstonecraft Shelley",
        1818,
        """\
You will rejoice to hear that no disaster has accompanied the commencement of an enterprise which you have regarded with such evil forebodings. I arrived here yesterday, and my first task is to assure my dear sister of my welfare and increasing confidence in the success of my undertaking.

I am already far north of London, and as I walk in the streets of Petersburgh, I feel a cold northern breeze play upon my cheeks, which braces my nerves and fills me with delight. Do you understand this feeling? This breeze, which has travelled from the regions towards which I am advancing, gives me a foretaste of those icy climes. Inspirited by this wind of promise, my daydreams become more fervent and vivid. I try in vain to be persuaded that the pole is the seat of frost and desolation; it ever presents itself to my imagination as the region of beauty and delight. There, Margaret, the sun is for ever visible, its broad disk just skirting the horizon and diffusing a perpetual splendour.

What may not be expected in a country of eternal light? I may there discover the wondrous power which attracts the needle and may regulate a thousand celestial observations that require only this voyage to render their seeming eccentricities consistent for ever. I shall satiate my ardent curiosity with the sight of a part of the world never before visited, and may tread a land never before imprinted by the foot of man. These are my enticements, and they are sufficient to conquer all fear of danger or death and to induce me to commence this laborious voyage with the joy a child feels when he embarks in a little boat, with his holiday mates, on an expedition of discovery up his native river.

These reflections have dispelled the agitation with which I began my letter, and I feel my heart glow with an enthusiasm which elevates me to heaven, for nothing contributes so much to tranquillise the mind as a steady purpose—a point on which the soul may fix its intellectual eye. This expedition has been the favourite dream of my early years. I have read with ardour the accounts of the various voyages which have been made in the prospect of arriving at the North Pacific Ocean through the seas which surround the pole.
""",
    ),
    (
        "A Scandal in Bohemia",
        "Arthur Conan Doyle",
        1891,
        """\
To Sherlock Holmes she is always the woman. I have seldom heard him mention her under any other name. In his eyes she eclipses and predominates the whole of her sex. It was not that he felt any emotion akin to love for Irene Adler. All emotions, and that one particularly, were abhorrent to his cold, precise but admirably balanced mind. He was, I take it, the most perfect reasoning and observing machine that the world has seen, but as a lover he would have placed himself in a false position. He never spoke of the softer passions, save with a gibe and a sneer.

I had seen little of Holmes lately. My marriage had drifted us away from each other. My own complete happiness, and the home-centred interests which rise up around the man who first finds himself master of his own establishment, were sufficient to absorb all my attention, while Holmes, who loathed every form of society with his whole Bohemian soul, remained in our lodgings in Baker Street, buried among his old books, and alternating from week to week between cocaine and ambition, the drowsiness of the drug, and the fierce energy of his own keen nature.

One night—it was on the twentieth of March, 1888—I was returning from a journey to a patient (for I had now returned to civil practice), when my way led me through Baker Street. As I passed the well-remembered door, which must always be associated in my mind with my wooing, and with the dark incidents of the Study in Scarlet, I was seized with a keen desire to see Holmes again, and to know how he was employing his extraordinary powers. His rooms were brilliantly lit, and, even as I looked up, I saw his tall, spare figure pass twice in a dark silhouette against the blind.

“Wedlock suits you,” he remarked. “I think, Watson, that you have put on seven and a half pounds since I saw you.”

“Seven!” I answered.

“Indeed, I should have thought a little more. Just a trifle more, I fancy, Watson. And in practice again, I observe. You did not tell me that you intended to go into harness.”

“Then, how do you know?”

“I see it, I deduce it. How do I know that you have been getting yourself very wet lately, and that you have a most clumsy and careless servant girl?”

“My dear Holmes,” said I, “this is too much. You would certainly have been burned, had you lived a few centuries ago. It is true that I had a country walk on Thursday and came home in a dreadful mess, but as I have changed my clothes I can't imagine how you deduce it.”

“You see, but you do not observe. The distinction is clear. For example, you have frequently seen the steps which lead up from the hall to this room.”

“Frequently.”

“How often?”

“Well, some hundreds of times.”

“Then how many are there?”

“How many? I don't know.”

“Quite so! You have not observed. And yet you have seen. That is just my point. Now, I know that there are seventeen steps, because I have both seen and observed.”
""",
    ),
    (
        "Jane Eyre",
        "Charlotte Brontë",
        1847,
        """\
There was no possibility of taking a walk that day. We had been wandering, indeed, in the leafless shrubbery an hour in the morning; but since dinner (Mrs. Reed, when there was no company, dined early) the cold winter wind had brought with it clouds so sombre, and a rain so penetrating, that further out-door exercise was now out of the question.

I was glad of it: I never liked long walks, especially on chilly afternoons: dreadful to me was the coming home in the raw twilight, with nipped fingers and toes, and a heart saddened by the chidings of Bessie, the nurse, and humbled by the consciousness of my physical inferiority to Eliza, John, and Georgiana Reed.

The said Eliza, John, and Georgiana were now clustered round their mama in the drawing-room: she lay reclined on a sofa by the fireside, and with her darlings about her (for the time neither quarrelling nor crying) looked perfectly happy. Me, she had dispensed from joining the group; saying, “She regretted to be under the necessity of keeping me at a distance; but that until she heard from Bessie, and could discover by her own observation, that I was endeavouring in good earnest to acquire a more sociable and childlike disposition, a more attractive and sprightly manner—something lighter, franker, more natural, as it were—she really must exclude me from privileges intended only for contented, happy, little children.”

“What does Bessie say I have done?” I asked.

“Jane, I don't like cavillers or questioners; besides, there is something truly forbidding in a child taking up her elders in that manner. Be seated somewhere; and until you can speak pleasantly, remain silent.”

A breakfast-room adjoined the drawing-room, I slipped in there. It contained a bookcase: I soon possessed myself of a volume, taking care that it should be one stored with pictures. I mounted into the window-seat: gathering up my feet, I sat cross-legged, like a Turk; and, having drawn the red moreen curtain nearly close, I was shrined in double retirement.

Folds of scarlet drapery shut in my view to the right hand; to the left were the clear panes of glass, protecting, but not separating me from the drear November day. At intervals, while turning over the leaves of my book, I studied the aspect of that winter afternoon. Afar, it offered a pale blank of mist and cloud; near a scene of wet lawn and storm-beat shrub, with ceaseless rain sweeping away wildly before a long and lamentable blast.
""",
    ),
    (
        "Treasure Island",
        "Robert Louis Stevenson",
        1883,
        """\
Squire Trelawney, Dr. Livesey, and the rest of these gentlemen having asked me to write down the whole particulars about Treasure Island, from the beginning to the end, keeping nothing back but the bearings of the island, and that only because there is still treasure not yet lifted, I take up my pen in the year of grace 17—, and go back to the time when my father kept the Admiral Benbow inn, and the brown old seaman, with the sabre cut, first took up his lodging under our roof.

I remember him as if it were yesterday, as he came plodding to the inn door, his sea-chest following behind him in a hand-barrow; a tall, strong, heavy, nut-brown man; his tarry pigtail falling over the shoulders of his soiled blue coat; his hands ragged and scarred, with black, broken nails; and the sabre cut across one cheek, a dirty, livid white. I remember him looking round the cove and whistling to himself as he did so, and then breaking out in that old sea-song that he sang so often afterwards:

“Fifteen men on the dead man's chest—Yo-ho-ho, and a bottle of rum!”

in the high, old tottering voice that seemed to have been tuned and broken at the capstan bars. Then he rapped on the door with a bit of stick like a handspike that he carried, and when my father appeared, called roughly for a glass of rum. This, when it was brought to him, he drank slowly, like a connoisseur, lingering on the taste, and still looking about him at the cliffs and up at our signboard.

“This is a handy cove,” says he at length; “and a pleasant sittyated grog-shop. Much company, mate?”

My father told him no, very little company, the more was the pity.

“Well, then,” said he, “this is the berth for me. Here you, matey,” he cried to the man who trundled the barrow; “bring up alongside and help up my chest. I'll stay here a bit,” he continued. “I'm a plain man; rum and bacon and eggs is what I want, and that head up there for to watch ships off. What you mought call me? You mought call me captain. Oh, I see what you're at—there;” and he threw down three or four gold pieces on the threshold. “You can tell me when I've worked through that,” says he, looking as fierce as a commander.
""",
    ),
    (
        "Dracula",
        "Bram Stoker",
        1897,
        """\
3 May. Bistritz.—Left Munich at 8:35 P. M., on 1st May, arriving at Vienna early next morning; should have arrived at 6:46, but train was an hour late. Buda-Pesth seems a wonderful place, from the glimpse which I got of it from the train and the little I could walk through the streets. I feared to go very far from the station, as we had arrived late and would start as near the correct time as possible. The impression I had was that we were leaving the West and entering the East; the most western of splendid bridges over the Danube, which is here of noble width and depth, took us among the traditions of Turkish rule.

We left in pretty good time, and came after nightfall to Klausenburgh. Here I stopped for the night at the Hotel Royale. I had for dinner, or rather supper, a chicken done up some way with red pepper, which was very good but thirsty. (Mem., get recipe for Mina.) I asked the waiter, and he said it was called “paprika hendl,” and that, as it was a national dish, I should be able to get it anywhere along the Carpathians. I found my smattering of German very useful here; indeed, I don't know how I should be able to get on without it.

Having had some time at my disposal when in London, I had visited the British Museum, and made search among the books and maps in the library regarding Transylvania; it had struck me that some foreknowledge of the country could hardly fail to have some importance in dealing with a nobleman of that country. I find that the district he named is in the extreme east of the country, just on the borders of three states, Transylvania, Moldavia and Bukovina, in the midst of the Carpathian mountains; one of the wildest and least known portions of Europe.

I did not sleep well, though my bed was comfortable enough, for I had all sorts of queer dreams. There was a dog howling all night under my window, which may have had something to do with it; or it may have been the paprika, for I had to drink up all the water in my carafe, and was still thirsty. Towards morning I slept and was wakened by the continuous knocking at my door, so I guess I must have been sleeping soundly then.
""",
    ),
]

# Sentences written for this project. Languages without spaces between words (Chinese,
# Japanese, Thai) are recombined character by character by the generator, the others word by word.
SENTENCES_BY_LANGUAGE = {
    "English": [
        "The library opens at nine, but the reading room stays closed until noon on Sundays.",
        "She wrote three letters to her grandmother before the rain finally stopped.",
        "Our train was forty minutes late, so we missed the first half of the concert.",
        "Please remember to water the tomatoes while I'm away next week.",
        "He couldn't find his keys, although they had been in his coat pocket all along.",
        "The bakery on the corner sells the best rye bread in the whole city.",
    ],
    "French": [
        "La bibliothèque ouvre à neuf heures, mais la salle de lecture reste fermée le dimanche.",
        "Elle a écrit trois lettres à sa grand-mère avant que la pluie ne s'arrête enfin.",
        "Notre train avait quarante minutes de retard, alors nous avons manqué le début du concert.",
        "N'oublie pas d'arroser les tomates pendant que je suis en voyage la semaine prochaine.",
        "Il ne trouvait pas ses clés, alors qu'elles étaient dans la poche de son manteau.",
        "La boulangerie du coin vend le meilleur pain de seigle de toute la ville.",
    ],
    "German": [
        "Die Bibliothek öffnet um neun Uhr, aber der Lesesaal bleibt sonntags geschlossen.",
        "Sie schrieb drei Briefe an ihre Großmutter, bevor der Regen endlich aufhörte.",
        "Unser Zug hatte vierzig Minuten Verspätung, deshalb verpassten wir die erste Hälfte des Konzerts.",
        "Vergiss bitte nicht, die Tomaten zu gießen, während ich nächste Woche verreist bin.",
        "Er fand seine Schlüssel nicht, obwohl sie die ganze Zeit in seiner Manteltasche waren.",
        "Die Bäckerei an der Ecke verkauft das beste Roggenbrot der ganzen Stadt.",
    ],
    "Spanish": [
        "La biblioteca abre a las nueve, pero la sala de lectura está cerrada los domingos.",
        "Escribió tres cartas a su abuela antes de que por fin dejara de llover.",
        "Nuestro tren llegó con cuarenta minutos de retraso y nos perdimos la primera mitad del concierto.",
        "¿Puedes regar los tomates mientras estoy de viaje la próxima semana?",
        "No encontraba sus llaves, aunque habían estado en el bolsillo de su abrigo todo el tiempo.",
    ],
    "Vietnamese": [
        "Thư viện mở cửa lúc chín giờ, nhưng phòng đọc đóng cửa vào chủ nhật.",
        "Cô ấy đã viết ba lá thư cho bà trước khi trời tạnh mưa.",
        "Chuyến tàu của chúng tôi trễ bốn mươi phút nên chúng tôi lỡ nửa đầu buổi hòa nhạc.",
        "Nhớ tưới cây cà chua trong khi tôi đi vắng tuần sau nhé.",
        "Tiệm bánh ở góc phố bán bánh mì ngon nhất thành phố.",
    ],
    "Russian": [
        "Библиотека открывается в девять, но читальный зал по воскресеньям закрыт.",
        "Она написала бабушке три письма, прежде чем наконец закончился дождь.",
        "Наш поезд опоздал на сорок минут, и мы пропустили первую половину концерта.",
        "Пожалуйста, не забудь поливать помидоры, пока меня не будет на следующей неделе.",
        "Он не мог найти ключи, хотя всё это время они лежали в кармане его пальто.",
        "В пекарне на углу продают лучший ржаной хлеб во всём городе.",
    ],
    "Ukrainian": [
        "Бібліотека відчиняється о дев'ятій, але читальна зала в неділю зачинена.",
        "Наш потяг запізнився на сорок хвилин, тож ми пропустили початок концерту.",
        "Пекарня на розі продає найкращий житній хліб у місті.",
    ],
    "Greek": [
        "Η βιβλιοθήκη ανοίγει στις εννέα, αλλά το αναγνωστήριο μένει κλειστό τις Κυριακές.",
        "Έγραψε τρία γράμματα στη γιαγιά της πριν σταματήσει επιτέλους η βροχή.",
        "Το τρένο μας είχε σαράντα λεπτά καθυστέρηση και χάσαμε το πρώτο μισό της συναυλίας.",
        "Μην ξεχάσεις να ποτίζεις τις ντομάτες όσο λείπω την επόμενη εβδομάδα.",
        "Ο φούρνος στη γωνία πουλάει το καλύτερο ψωμί σε όλη την πόλη.",
    ],
    "Arabic": [
        "تفتح المكتبة في الساعة التاسعة، لكن قاعة القراءة تبقى مغلقة يوم الأحد.",
        "كتبت ثلاث رسائل إلى جدتها قبل أن يتوقف المطر أخيرا.",
        "تأخر قطارنا أربعين دقيقة، ففاتنا النصف الأول من الحفلة الموسيقية.",
        "من فضلك لا تنس سقي الطماطم بينما أكون مسافرا الأسبوع القادم.",
        "يبيع المخبز الذي على الزاوية أفضل خبز في المدينة كلها.",
    ],
    "Persian": [
        "کتابخانه ساعت نه باز می‌شود، اما سالن مطالعه جمعه‌ها بسته است.",
        "قطار ما چهل دقیقه تأخیر داشت و نیمه اول کنسرت را از دست دادیم.",
        "نانوایی سر کوچه بهترین نان شهر را می‌فروشد.",
    ],
    "Hebrew": [
        "הספרייה נפתחת בשעה תשע, אבל חדר הקריאה סגור בימי ראשון.",
        "היא כתבה שלושה מכתבים לסבתא שלה לפני שהגשם סוף סוף פסק.",
        "הרכבת שלנו איחרה בארבעים דקות, ולכן פספסנו את החצי הראשון של הקונצרט.",
        "אל תשכח להשקות את העגבניות בזמן שאני בחופשה בשבוע הבא.",
        "המאפייה בפינה מוכרת את הלחם הטוב ביותר בעיר.",
    ],
    "Hindi": [
        "पुस्तकालय नौ बजे खुलता है, लेकिन रविवार को पढ़ने का कमरा बंद रहता है।",
        "बारिश रुकने से पहले उसने अपनी दादी को तीन पत्र लिखे।",
        "हमारी ट्रेन चालीस मिनट देर से आई, इसलिए हम संगीत कार्यक्रम का पहला हिस्सा चूक गए।",
        "अगले हफ़्ते जब मैं बाहर रहूँ तो टमाटरों को पानी देना मत भूलना।",
        "कोने वाली बेकरी पूरे शहर की सबसे अच्छी रोटी बेचती है।",
    ],
    "Bengali": [
        "গ্রন্থাগার নয়টায় খোলে, কিন্তু রবিবারে পাঠকক্ষ বন্ধ থাকে।",
        "বৃষ্টি থামার আগে সে তার দিদিমাকে তিনটি চিঠি লিখেছিল।",
        "আমাদের ট্রেন চল্লিশ মিনিট দেরিতে এসেছিল, তাই আমরা কনসার্টের প্রথম অর্ধেক দেখতে পাইনি।",
        "মোড়ের বেকারিটি পুরো শহরের সেরা রুটি বিক্রি করে।",
    ],
    "Tamil": [
        "நூலகம் ஒன்பது மணிக்குத் திறக்கும், ஆனால் ஞாயிற்றுக்கிழமைகளில் வாசிப்பு அறை மூடியிருக்கும்.",
        "எங்கள் ரயில் நாற்பது நிமிடம் தாமதமாக வந்தது.",
        "மூலையில் உள்ள அடுமனை நகரத்திலேயே சிறந்த ரொட்டியை விற்கிறது.",
    ],
    "Georgian": [
        "ბიბლიოთეკა ცხრა საათზე იხსნება, მაგრამ კვირაობით სამკითხველო დაკეტილია.",
        "ჩვენი მატარებელი ორმოცი წუთით დაგვიანდა.",
    ],
    "Armenian": [
        "Գրադարանը բացվում է ժամը ինըին, բայց կիրակի օրերին ընթերցասրահը փակ է։",
        "Մեր գնացքը քառասուն րոպե ուշացավ։",
    ],
    "Korean": [
        "도서관은 아홉 시에 문을 열지만 일요일에는 열람실이 닫혀 있습니다.",
        "그녀는 비가 그치기 전에 할머니께 편지를 세 통 썼어요.",
        "기차가 사십 분 늦게 도착해서 우리는 음악회의 앞부분을 놓쳤습니다.",
        "다음 주에 제가 없는 동안 토마토에 물 주는 것을 잊지 마세요.",
        "모퉁이에 있는 빵집은 이 도시에서 가장 맛있는 호밀빵을 팝니다.",
    ],
    "Chinese": [
        "图书馆九点开门，但是星期天阅览室不开放。",
        "雨终于停了以前，她给奶奶写了三封信。",
        "我们的火车晚点了四十分钟，所以错过了音乐会的前半场。",
        "下个星期我出门的时候，请别忘了给西红柿浇水。",
        "他找不到钥匙，其实钥匙一直在他大衣的口袋里。",
        "街角那家面包店卖全城最好吃的黑麦面包。",
        "圖書館的閱覽室在週末開放到晚上八點。",
    ],
    "Japanese": [
        "図書館は九時に開きますが、日曜日は閲覧室が閉まっています。",
        "雨がやっと止む前に、彼女はおばあさんに手紙を三通書きました。",
        "電車が四十分遅れたので、コンサートの前半を聞き逃しました。",
        "来週私が留守の間、トマトに水をやるのを忘れないでください。",
        "彼は鍵が見つからなかったが、ずっとコートのポケットに入っていた。",
        "角のパン屋さんは町で一番おいしいライ麦パンを売っています。",
        "カタカナで書くと、コンピューターやインターネットのようになります。",
    ],
    "Thai": [
        "ห้องสมุดเปิดเก้าโมงเช้า แต่ห้องอ่านหนังสือปิดในวันอาทิตย์",
        "เธอเขียนจดหมายถึงคุณยายสามฉบับก่อนที่ฝนจะหยุดตก",
        "รถไฟของเรามาช้าสี่สิบนาที เราจึงพลาดครึ่งแรกของคอนเสิร์ต",
        "ร้านขนมปังตรงหัวมุมขายขนมปังที่อร่อยที่สุดในเมือง",
    ],
    "Turkish": [
        "Kütüphane saat dokuzda açılıyor ama okuma salonu pazar günleri kapalı.",
        "Trenimiz kırk dakika gecikti, bu yüzden konserin ilk yarısını kaçırdık.",
        "Köşedeki fırın şehrin en güzel çavdar ekmeğini satıyor.",
    ],
    "Polish": [
        "Biblioteka jest otwarta od dziewiątej, ale czytelnia w niedziele jest zamknięta.",
        "Nasz pociąg spóźnił się czterdzieści minut, więc przegapiliśmy pierwszą połowę koncertu.",
        "Piekarnia na rogu sprzedaje najlepszy chleb żytni w całym mieście.",
    ],
}

# Languages written without spaces between words: the generator recombines their characters.
UNSPACED_LANGUAGES = frozenset({"Chinese", "Japanese", "Thai"})

EMOJI = [
    "😀",
    "🎉",
    "👍🏽",
    "❤️",
    "🙏🏿",
    "👩‍💻",
    "👨‍👩‍👧‍👦",
    "🏳️‍🌈",
    "🇫🇷",
    "🇯🇵",
    "🇧🇷",
    "🧑🏻‍🚀",
    "☕",
    "🌧️",
    "🚆",
    "📚",
    "🍞",
    "🍅",
]
