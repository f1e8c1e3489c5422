package io.tailor.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on loopback: content-service delivers journey e-mail to it in tests and in the local
 * platform. Received mail is kept in memory and readable through {@link #received()}.
 */
public final class MailNode implements AutoCloseable {

    /** One received e-mail, flattened for assertions. */
    public record ReceivedMail(String to, String subject, String html, String listUnsubscribe) {}

    private final GreenMail server;
    private final int port;

    private MailNode(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an SMTP server on {@code port} (0 = any free port) that accepts mail for any address. */
    public static MailNode start(int port) {
        int chosen = port == 0 ? FreePorts.pick() : port;
        GreenMail server = new GreenMail(new ServerSetup(chosen, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        FreePorts.awaitListening(chosen, Duration.ofSeconds(20), "SMTP");
        return new MailNode(server, chosen);
    }

    public int port() {
        return port;
    }

    /** Every e-mail received so far, oldest first. */
    public List<ReceivedMail> received() {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                String[] unsubscribe = message.getHeader("List-Unsubscribe");
                mails.add(new ReceivedMail(
                        message.getAllRecipients()[0].toString(),
                        message.getSubject(),
                        body(message.getContent()),
                        unsubscribe == null ? null : unsubscribe[0]));
            } catch (MessagingException e) {
                throw new IllegalStateException("unreadable received mail", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mails;
    }

    private static String body(Object content) throws MessagingException, IOException {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(body(multipart.getBodyPart(i).getContent()));
            }
            return text.toString();
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        server.stop();
    }
}
