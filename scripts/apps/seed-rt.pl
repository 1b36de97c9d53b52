#!/usr/bin/perl
# Seeds Request Tracker (through its own API, as each person) with the tickets tests/e2e/apps.spec.ts reads:
# a single-message German ticket that threatens a lawyer, and an English ticket with the agent's reply (quoted
# history, signature) and the customer's follow-up. Prints KEY=value lines for start.sh.
use strict;
use warnings;
use utf8;
use Encode qw(encode);
use RT;
use MIME::Entity;

RT::LoadConfig();
RT::Init();

sub make_user {
    my (%args) = @_;
    my $user = RT::User->new(RT->SystemUser);
    my ($ok, $msg) = $user->Create(%args);
    die "Could not create user $args{Name}: $msg\n" unless $ok;
    return $user;
}

sub as_user { RT::CurrentUser->new($_[0]) }

sub message {
    my ($from, $subject, $text) = @_;
    return MIME::Entity->build(
        Type     => 'text/plain',
        Charset  => 'UTF-8',
        Encoding => 'quoted-printable',
        # Raw UTF-8 headers: RT shows stored headers as they are (rt-mailgate would have decoded them already).
        From     => $from,
        Subject  => encode('UTF-8', $subject),
        Data     => [encode('UTF-8', $text)],
    );
}

my $agent = make_user(
    Name => 'sam', RealName => 'Sam Berger', EmailAddress => 'sam.berger@rapport.test',
    Privileged => 1, Password => 'sam-secret-1',
);
$agent->PrincipalObj->GrantRight(Right => 'SuperUser', Object => RT->System);
# As on a mail-fed RT: anyone may open tickets and answer on them in General (the rights rt-mailgate relies on).
my $queue = RT::Queue->new(RT->SystemUser);
$queue->Load('General');
my $everyone = RT::Group->new(RT->SystemUser);
$everyone->LoadSystemInternalGroup('Everyone');
$everyone->PrincipalObj->GrantRight(Right => $_, Object => $queue) for qw(CreateTicket ReplyToTicket SeeQueue ShowTicket);

my $jonas = make_user(Name => 'jonas.weber@example.de', RealName => 'Jonas Weber', EmailAddress => 'jonas.weber@example.de');
my $emily = make_user(Name => 'emily.carter@example.com', RealName => 'Emily Carter', EmailAddress => 'emily.carter@example.com');

# 1. One message, German, a customer who has already called a lawyer; nobody owns it yet ("Nobody").
my $single = RT::Ticket->new(as_user($jonas));
my ($single_id, undef, $err1) = $single->Create(
    Queue     => 'General',
    Subject   => 'Doppelte Abbuchung – mein Anwalt ist informiert',
    Requestor => ['jonas.weber@example.de'],
    MIMEObj   => message('Jonas Weber <jonas.weber@example.de>', 'Doppelte Abbuchung – mein Anwalt ist informiert', <<'TEXT'),
Sehr geehrte Damen und Herren,

Sie haben meine Bestellung 88213 zweimal von meinem Konto abgebucht, insgesamt 249,90 Euro. Ich habe das schon zweimal gemeldet und nie eine Antwort bekommen.

Wenn das Geld nicht bis Freitag zurück ist, übergebe ich die Sache meinem Anwalt.

Mit freundlichen Grüßen
Jonas Weber

-- 
Jonas Weber
Lindenstraße 12, 10969 Berlin
Tel. 030 1234567
TEXT
);
die "Could not create the German ticket: $err1\n" unless $single_id;

# 2. English: the customer's report, the agent's reply (quoting it, signed), the customer's follow-up (quoting both).
my $thread = RT::Ticket->new(as_user($emily));
my ($thread_id, undef, $err2) = $thread->Create(
    Queue     => 'General',
    Subject   => 'Order 4471 arrived damaged',
    Requestor => ['emily.carter@example.com'],
    MIMEObj   => message('Emily Carter <emily.carter@example.com>', 'Order 4471 arrived damaged', <<'TEXT'),
Hello,

my order 4471 arrived today and the glass teapot is broken into pieces. The box was clearly dropped. I bought it as a birthday present for Saturday.

Can you send a replacement quickly?

Thanks,
Emily
TEXT
);
die "Could not create the English ticket: $err2\n" unless $thread_id;

my $as_agent = RT::Ticket->new(as_user($agent));
$as_agent->Load($thread_id);
$as_agent->SetOwner($agent->Id);
my ($ok, $msg) = $as_agent->Correspond(MIMEObj => message('Sam Berger <sam.berger@rapport.test>', 'Re: Order 4471 arrived damaged', <<'TEXT'));
Dear Emily,

I'm sorry the teapot arrived broken. I have sent a replacement by express today; it should reach you on Friday. You don't need to send the broken one back.

Best regards,
Sam Berger
Customer Support, rapport.test

On Tue, Dec 01, 2026 at 09:14, Emily Carter wrote:
> Hello,
>
> my order 4471 arrived today and the glass teapot is broken into pieces.
> Can you send a replacement quickly?
TEXT
die "Could not record the agent's reply: $msg\n" unless $ok;

my $as_customer = RT::Ticket->new(as_user($emily));
$as_customer->Load($thread_id);
($ok, $msg) = $as_customer->Correspond(MIMEObj => message('Emily Carter <emily.carter@example.com>', 'Re: Order 4471 arrived damaged', <<'TEXT'));
Hi Sam,

thank you, that was quick! Friday works. Could you send me the tracking number?

Emily

-----Original Message-----
From: Sam Berger <sam.berger@rapport.test>
Sent: Tuesday, December 1, 2026 11:02
Subject: Re: Order 4471 arrived damaged

Dear Emily,

I'm sorry the teapot arrived broken. I have sent a replacement by express today; it should reach you on Friday.

Best regards,
Sam Berger
TEXT
die "Could not record the customer's follow-up: $msg\n" unless $ok;

print "RT_AGENT_USER=sam\nRT_AGENT_PASSWORD=sam-secret-1\nRT_AGENT_NAME=Sam Berger\n";
print "RT_TICKET_SINGLE=$single_id\nRT_TICKET_THREAD=$thread_id\n";
