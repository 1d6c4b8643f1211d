package dev.sectionsearch.cli;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers {@code serve} answers: the names it was bound for, with its port. A
 * web page can point a name of its own at 127.0.0.1 (DNS rebinding) and then read a local server as
 * if it were its own origin; such a request carries the page's name in {@code Host}, so refusing
 * names the server was not started for closes that door. On the loopback address that leaves {@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]} and the {@code --host} value; bound to another
 * address or to all of them, also any address literal (a rebinding needs a name) and this machine's
 * own name. A request without {@code Host} (HTTP/1.0) is answered: a browser always sends one.
 * Immutable and thread-safe.
 */
final class HostCheck {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+(%[0-9A-Za-z._-]+)?\\]");

  private final Set<String> names = new TreeSet<>();
  private final boolean anyAddress;
  private final int port;

  HostCheck(String host, InetAddress bound, int port) {
    this.port = port;
    this.anyAddress = !bound.isLoopbackAddress();
    names.add("localhost");
    names.add("127.0.0.1");
    names.add("[::1]");
    names.add(bracketed(host.toLowerCase(Locale.ROOT)));
    names.add(bracketed(bound.getHostAddress().toLowerCase(Locale.ROOT)));
    if (anyAddress) {
      try {
        InetAddress self = InetAddress.getLocalHost();
        names.add(self.getHostName().toLowerCase(Locale.ROOT));
        names.add(self.getCanonicalHostName().toLowerCase(Locale.ROOT));
      } catch (java.io.IOException e) {
        // no name for this machine: address literals still reach it
      }
    }
  }

  private static String bracketed(String name) {
    return name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
  }

  /** Why the request is not for this server, or empty when it is. */
  Optional<String> refusal(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Host");
    if (header == null || accepts(header.strip())) {
      return Optional.empty();
    }
    return Optional.of(
        "this server answers requests for localhost:" + port + ", not for " + header.strip());
  }

  /** Whether {@code Host: value} names this server. */
  boolean accepts(String value) {
    String name = value.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    int portGiven = 80;
    if (colon >= 0 && colon > name.lastIndexOf(']')) {
      try {
        portGiven = Integer.parseInt(name.substring(colon + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      name = name.substring(0, colon);
    }
    if (name.endsWith(".")) {
      // "localhost." is the same name, fully qualified
      name = name.substring(0, name.length() - 1);
    }
    if (portGiven != port) {
      return false;
    }
    return names.contains(name)
        || (anyAddress && (IPV4.matcher(name).matches() || IPV6.matcher(name).matches()));
  }
}
