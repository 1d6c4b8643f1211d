package dev.sectionsearch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostCheckTest {
  private static HostCheck on(String host) throws Exception {
    return new HostCheck(host, InetAddress.getByName(host), 8080);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost:8080",
        "LocalHost:8080",
        "localhost.:8080",
        "127.0.0.1:8080",
        "[::1]:8080"
      })
  void theLoopbackNamesWithThePortAreAccepted(String host) throws Exception {
    assertTrue(on("127.0.0.1").accepts(host), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "attacker.example:8080",
        "attacker.example",
        "localhost:8081",
        "localhost",
        "127.0.0.1.nip.io:8080",
        "localhost:x",
        "10.0.0.1:8080",
        ":8080",
        "[::1]x:8080"
      })
  void otherNamesAndPortsAreRefusedOnLoopback(String host) throws Exception {
    assertFalse(on("127.0.0.1").accepts(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1:8080", "[fe80::1]:8080", "localhost:8080"})
  void boundToEveryAddressAnyAddressLiteralIsAccepted(String host) throws Exception {
    assertTrue(on("0.0.0.0").accepts(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"attacker.example:8080", "10.0.0.1:9090"})
  void boundToEveryAddressOtherNamesAreStillRefused(String host) throws Exception {
    assertFalse(on("0.0.0.0").accepts(host), host);
  }
}
